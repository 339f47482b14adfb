// Route modules reach server code only through *.server modules, so none of it can end up in the browser bundle.
export { getDevMail, listDevMailbox } from "../../emails/outbox";
