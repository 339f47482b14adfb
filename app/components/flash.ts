/**
 * The one-time notes a redirect can carry to the next page (app/utils/flash.server.ts), each the i18n key of its
 * text. A fixed list: a cookie can only ever name one of these, never carry text of its own.
 */
export const FLASH_MESSAGES = {
  applicationMoved: "applications:employer.moved",
  applicationWithdrawn: "applications:detail.withdrawn",
  claimCodeIssued: "stations:link.staff.issued",
  followUpRecorded: "stations:followUps.recorded",
} as const;
export type FlashKey = keyof typeof FLASH_MESSAGES;
export const FLASH_KEYS = Object.keys(FLASH_MESSAGES) as [FlashKey, ...FlashKey[]];
