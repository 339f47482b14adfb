type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** A namespace's messages in both languages; English must have exactly the Chinese keys. */
export function defineMessages<const Zh extends Record<string, unknown>>(messages: { "zh-CN": Zh; en: Widen<Zh> }) {
  return messages;
}
