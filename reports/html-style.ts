/** The inline stylesheet of index.html (no external CSS or fonts: the page works from file://). */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0; color: #1d1d1f; background: #f6f7f9; font-size: 14px; line-height: 1.45; }
main { max-width: 1360px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid #d8dce3; }
h3 { font-size: 16px; margin: 24px 0 8px; }
p.lead { color: #444; margin: 0 0 4px; }
nav { margin: 4px 0 6px; font-size: 13px; }
nav a { margin-right: 14px; color: #1f5fa8; text-decoration: none; }
nav a:hover { text-decoration: underline; }
.counts span { display: inline-block; margin: 0 8px 6px 0; }
table { border-collapse: collapse; background: #fff; margin: 8px 0 16px; font-size: 13px; width: 100%; }
th, td { border: 1px solid #dde1e7; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafbfc; }
.nowrap { white-space: nowrap; }
.muted { color: #666; font-size: 12px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono, code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
.wrap { overflow-x: auto; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.s-ok, .v-VALID { background: #dff3e4; color: #165c2b; }
.s-invalid, .v-INVALID { background: #fff0cc; color: #6b4a00; }
.v-UNSCORED { background: #e8eef7; color: #24426b; }
.s-failed, .s-crashed, .s-timeout, .s-oom { background: #fde0df; color: #8a1c16; }
.s-skipped, .s-unavailable { background: #e9ebef; color: #444; }
.warnings { background: #fff8e1; border: 1px solid #f0d48a; padding: 8px 14px; border-radius: 6px; }
.failure { background: #fff; border-left: 4px solid #c62828; padding: 8px 12px; margin: 8px 0; }
.failure pre { white-space: pre-wrap; word-break: break-word; margin: 6px 0 0; font-size: 12px; }
figure { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; margin: 16px 0; padding: 12px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #444; margin: 8px 0 0; font-size: 13px; max-width: 900px; }
section.answer { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 4px 16px 8px; margin: 14px 0; }
section.answer h2 { margin: 10px 0 6px; border: 0; padding: 0; font-size: 18px; }
section.answer p.muted { margin: 2px 0; }
table.leaderboard { width: auto; min-width: 60%; }
table.leaderboard td.best { background: #dff3e4; }
table.leaderboard tr.geo td, table.leaderboard tr.geo th { background: #eef1f5; }
ul.suite-warnings { background: #fff8e1; border: 1px solid #f0d48a; border-radius: 6px; margin: 6px 0; padding: 6px 10px 6px 28px; font-size: 13px; }
h2.details-head { margin-top: 48px; }
footer { color: #666; font-size: 12px; margin-top: 40px; }
`;
