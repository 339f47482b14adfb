import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/utils/markdown.server";

describe("renderMarkdown", () => {
  it("renders the structure employers use: headings (demoted), lists, emphasis, links", () => {
    const html = renderMarkdown("# 岗位职责\n\n- 集装箱短驳\n- **安全**驾驶\n\n[公司官网](https://example.com/about)");
    expect(html).toContain("<h3>岗位职责</h3>");
    expect(html).toContain("<li>集装箱短驳</li>");
    expect(html).toContain("<strong>安全</strong>");
    expect(html).toContain('<a href="https://example.com/about" rel="nofollow noopener noreferrer ugc">公司官网</a>');
    expect(html).not.toContain("<h1");
  });

  it("keeps single line breaks (people type addresses and lists line by line)", () => {
    expect(renderMarkdown("第一行\n第二行")).toBe("<p>第一行<br />第二行</p>");
  });

  const attacks: Array<[string, string]> = [
    ["script tag", "<script>alert(1)</script>正文"],
    ["event handler", '<img src=x onerror="alert(1)">'],
    ["handler on an allowed tag", '<a href="https://ok.example" onclick="alert(1)">ok</a>'],
    ["javascript: link", "[点我](javascript:alert(1))"],
    ["upper-case javascript: link", "[点我](JAVASCRIPT:alert(1))"],
    ["entity-obfuscated javascript: link", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ["data: link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["svg onload", "<svg onload=alert(1)><circle /></svg>"],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["form", '<form action="https://evil.example"><input name="pw"></form>'],
    ["markdown image with handler", '![x](https://evil.example/x.png"onerror="alert(1))'],
  ];

  it.each(attacks)("neutralises %s", (_name, input) => {
    const html = renderMarkdown(input).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<svg|<img|<form|<input|<style/);
    expect(html).not.toMatch(/\son\w+\s*=/);
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).not.toContain("style=");
  });

  it("drops the text inside a script instead of showing it", () => {
    expect(renderMarkdown("<script>alert('x')</script>安全内容")).not.toContain("alert");
  });

  it("keeps safe link schemes and drops protocol-relative ones", () => {
    expect(renderMarkdown("[邮件](mailto:hr@example.com)")).toContain('href="mailto:hr@example.com"');
    expect(renderMarkdown("[x](//evil.example/path)")).not.toContain("evil.example");
  });
});
