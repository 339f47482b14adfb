import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { layoutStrings, type EmailLocale } from "../strings";

const colors = { brand: "#9f1d20", ink: "#1f2328", muted: "#6b7280", line: "#e5e7eb", page: "#f4f4f5" };

const styles = {
  body: {
    backgroundColor: colors.page,
    fontFamily: '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",Helvetica,Arial,sans-serif',
    margin: 0,
    padding: "24px 0",
  },
  container: { backgroundColor: "#ffffff", borderRadius: 8, margin: "0 auto", maxWidth: 560, padding: "32px 32px 24px" },
  brand: { color: colors.brand, fontSize: 20, fontWeight: 700, letterSpacing: 1, margin: 0 },
  tagline: { color: colors.muted, fontSize: 13, margin: "4px 0 0" },
  heading: { color: colors.ink, fontSize: 22, fontWeight: 600, margin: "24px 0 12px" },
  paragraph: { color: colors.ink, fontSize: 15, lineHeight: "24px", margin: "0 0 16px" },
  button: {
    backgroundColor: colors.brand,
    borderRadius: 6,
    color: "#ffffff",
    display: "inline-block",
    fontSize: 15,
    fontWeight: 600,
    padding: "12px 24px",
    textDecoration: "none",
  },
  fallback: { color: colors.muted, fontSize: 13, lineHeight: "20px", margin: "16px 0 0", wordBreak: "break-all" as const },
  hr: { borderColor: colors.line, margin: "28px 0 16px" },
  footer: { color: colors.muted, fontSize: 12, lineHeight: "18px", margin: "0 0 4px" },
};

export interface EmailLayoutProps {
  locale: EmailLocale;
  /** The inbox preview line. */
  preview: string;
  heading: string;
  children: ReactNode;
  /** Shown under the footer's automated-mail notice, e.g. "if this wasn't you, ignore it". */
  footerNote?: string;
}

/** The frame every Rongye mail shares: brand header, one heading, the body, and the footer. */
export function EmailLayout({ locale, preview, heading, children, footerNote }: EmailLayoutProps) {
  const t = layoutStrings[locale];
  return (
    <Html lang={locale} dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section>
            <Text style={styles.brand}>{t.brand}</Text>
            <Text style={styles.tagline}>{t.tagline}</Text>
          </Section>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          {footerNote ? <Text style={styles.footer}>{footerNote}</Text> : null}
          <Text style={styles.footer}>{t.automated}</Text>
          <Text style={styles.footer}>© 戎业 Rongye</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** A call-to-action button followed by the same link in plain text, for clients that block buttons. */
export function ActionButton({ href, label, fallback }: { href: string; label: string; fallback: string }) {
  return (
    <Section style={{ margin: "24px 0 8px" }}>
      <Button href={href} style={styles.button}>
        {label}
      </Button>
      <Text style={styles.fallback}>
        {fallback}
        <br />
        {href}
      </Text>
    </Section>
  );
}
