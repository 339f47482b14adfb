/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * 1 registration authority, 1 organisation type, 6 region (administrative division code), 9 organisation code,
 * 1 check character. The alphabet is the digits and 21 capital letters (no I, O, S, V, Z); the check character is
 * 31 − (Σ value × weight mod 31), with 31 written as 0.
 */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Upper-case and drop spaces and hyphens people type when copying from a licence. */
export function normaliseCreditCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** The check character of the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

export type CreditCodeProblem = "length" | "characters" | "checksum";

/** Why a (normalised) code is not valid, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "characters";
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : "checksum";
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(normaliseCreditCode(raw)) === null;
}

/** A valid code from 17 leading characters (used by factories and demo data). */
export function completeCreditCode(first17: string): string {
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error("Not 17 characters of the credit-code alphabet");
  return first17 + check;
}
