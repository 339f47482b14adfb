/**
 * The places of our field reports, with the package's GB/T 2260 codes and approximate centre coordinates
 * (used for the demo rows' lat/lng so geo filters have something to work on).
 */
export const DEMO_PLACES = {
  zhangjiagang: { code: "320582", name: "张家港市", lat: 31.875, lng: 120.555 },
  changshu: { code: "320581", name: "常熟市", lat: 31.654, lng: 120.752 },
  kunshan: { code: "320583", name: "昆山市", lat: 31.385, lng: 120.981 },
  taicang: { code: "320585", name: "太仓市", lat: 31.457, lng: 121.13 },
  gusu: { code: "320508", name: "姑苏区", lat: 31.311, lng: 120.617 },
  wuzhong: { code: "320506", name: "吴中区", lat: 31.262, lng: 120.632 },
  xiangcheng: { code: "320507", name: "相城区", lat: 31.369, lng: 120.642 },
  wujiang: { code: "320509", name: "吴江区", lat: 31.138, lng: 120.645 },
  huqiu: { code: "320505", name: "虎丘区（苏州高新区）", lat: 31.296, lng: 120.566 },
  sip: { code: "320576", name: "苏州工业园区", lat: 31.317, lng: 120.723 },
  shengzhou: { code: "330683", name: "嵊州市", lat: 29.561, lng: 120.821 },
  meixian: { code: "610326", name: "眉县", lat: 34.274, lng: 107.75 },
  huyi: { code: "610118", name: "鄠邑区", lat: 34.108, lng: 108.605 },
  qindu: { code: "610402", name: "秦都区", lat: 34.33, lng: 108.706 },
} as const;

export type DemoPlace = keyof typeof DEMO_PLACES;

/** Towns and street offices the demo rows use (level 4, 9-digit codes from the package). */
export const DEMO_TOWNS = {
  yangshe: "320582100", // 张家港市 杨舍镇
  jingang: "320582001", // 张家港市 金港街道
  tangqiao: "320582101", // 张家港市 塘桥镇
  yushan: "320583100", // 昆山市 玉山镇
  huaqiao: "320583104", // 昆山市 花桥镇
  shanhu: "330683001", // 嵊州市 剡湖街道
  shoushan: "610326001", // 眉县 首善街道
  ganting: "610118001", // 鄠邑区 甘亭街道
} as const;

/** County-level codes whose towns must exist even when the full town list is not loaded. */
export const DEMO_COUNTY_CODES: string[] = Object.values(DEMO_PLACES).map((p) => p.code);

export function placeByCode(code: string): (typeof DEMO_PLACES)[DemoPlace] | undefined {
  return Object.values(DEMO_PLACES).find((p) => code.startsWith(p.code));
}
