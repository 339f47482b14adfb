/**
 * English has exactly the Chinese keys, plus the `_one` form beside each counted `_other` message (i18next picks
 * `key_one` / `key_other` from `count`; Chinese has only `_other`).
 */
export type Widen<T> = T extends string
  ? string
  : { [K in keyof T]: Widen<T[K]> } & { [K in keyof T as K extends `${infer B}_other` ? `${B}_one` : never]?: string };

/** A namespace's messages in both languages. */
export function defineMessages<const Zh extends Record<string, unknown>>(messages: { "zh-CN": Zh; en: Widen<Zh> }) {
  return messages;
}
