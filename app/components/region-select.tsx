import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RegionOption } from "../models/region.server";

type RegionsResponse = { regions: RegionOption[] };

function useChildren(parent: string | null, initial: RegionOption[]) {
  const fetcher = useFetcher<RegionsResponse>();
  const { load } = fetcher;
  useEffect(() => {
    if (parent) load(`/resources/regions?parent=${parent}`);
  }, [parent, load]);
  if (!parent) return initial;
  return fetcher.data?.regions ?? [];
}

/**
 * Province → city → county pickers that submit one 6-digit code under `name`. Provinces come from the page's
 * loader; lower levels load as the person chooses.
 */
export function RegionSelect({
  name,
  label,
  provinces,
  errorId,
  errors,
  required,
}: {
  name: string;
  label: string;
  provinces: RegionOption[];
  errorId?: string;
  errors?: string[];
  required?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [province, setProvince] = useState<string>("");
  const [city, setCity] = useState<string>("");
  const [county, setCounty] = useState<string>("");
  const cities = useChildren(province || null, []);
  const counties = useChildren(city || null, []);
  const value = county || city || province;
  const en = i18n.language === "en";
  const invalid = Boolean(errors?.length);
  return (
    <fieldset className="field region-select" aria-describedby={invalid ? errorId : undefined}>
      <legend>{label}</legend>
      <input type="hidden" name={name} value={value} />
      <div className="region-row">
        <label htmlFor={`${id}-p`} className="visually-hidden">
          {en ? "Province" : "省份"}
        </label>
        <select
          id={`${id}-p`}
          value={province}
          aria-invalid={invalid || undefined}
          required={required}
          onChange={(e) => {
            setProvince(e.target.value);
            setCity("");
            setCounty("");
          }}
        >
          <option value="">{en ? "Province…" : "选择省份"}</option>
          {provinces.map((r) => (
            <option key={r.code} value={r.code}>
              {en ? r.nameEn : r.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-c`} className="visually-hidden">
          {en ? "City" : "城市"}
        </label>
        <select
          id={`${id}-c`}
          value={city}
          disabled={!province}
          onChange={(e) => {
            setCity(e.target.value);
            setCounty("");
          }}
        >
          <option value="">{en ? "City…" : "选择城市"}</option>
          {cities.map((r) => (
            <option key={r.code} value={r.code}>
              {en ? r.nameEn : r.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-d`} className="visually-hidden">
          {en ? "County or district" : "区县"}
        </label>
        <select id={`${id}-d`} value={county} disabled={!city} onChange={(e) => setCounty(e.target.value)}>
          <option value="">{en ? "County / district…" : "选择区县"}</option>
          {counties.map((r) => (
            <option key={r.code} value={r.code}>
              {en ? r.nameEn : r.name}
            </option>
          ))}
        </select>
      </div>
      {invalid ? (
        <ul className="field-errors" id={errorId}>
          {errors!.map((e) => (
            <li key={e}>{t(e)}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
