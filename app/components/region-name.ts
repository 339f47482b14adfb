/** A chain of divisions, province first, as a person reads it: "江苏省 苏州市 张家港市" / "Zhangjiagang, Suzhou, Jiangsu". */
export function regionPathLabel(path: readonly { name: string; nameEn: string }[], locale: string): string {
  return locale === "en" ? path.map((r) => r.nameEn).reverse().join(", ") : path.map((r) => r.name).join(" ");
}

export function regionLabel(region: { name: string; nameEn: string }, locale: string): string {
  return locale === "en" ? region.nameEn : region.name;
}
