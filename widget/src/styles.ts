/**
 * The widget's own styles, scoped to its shadow root: nothing leaks out, and nothing leaks in from
 * the host page (`all: initial`; `!important` on :host, which beats even the page's `!important`). Applied as a constructed stylesheet, which a host page's strict
 * Content-Security-Policy does not block.
 */
export const widgetCss = `
:host{all:initial!important;display:block!important;position:fixed!important;right:20px!important;
 bottom:20px!important;z-index:2147483000!important;visibility:visible!important;opacity:1!important;
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important;color:#111827!important;--accent:#2563eb}
:host([hidden]){display:none!important}
*{box-sizing:border-box;font:inherit;color:inherit}
[hidden]{display:none!important}
button{cursor:pointer;border:0;background:none;padding:0}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.bubble{width:56px;height:56px;border-radius:50%;background:var(--accent);display:grid;place-items:center;
 box-shadow:0 6px 20px rgba(0,0,0,.25);position:relative;margin-left:auto}
.bubble svg{width:28px;height:28px;fill:#fff}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#dc2626;
 color:#fff;font-size:12px;font-weight:600;display:grid;place-items:center;padding:0 5px}
.panel{position:absolute;right:0;bottom:68px;width:min(360px,calc(100vw - 24px));height:min(540px,calc(100vh - 110px));
 background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
.head{background:var(--accent);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
.head h2{margin:0;font-size:16px;font-weight:600;flex:1;color:#fff;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.head button{color:#fff;width:30px;height:30px;border-radius:6px;font-size:18px;line-height:1}
.head button:hover{background:rgba(255,255,255,.18)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f9fafb}
.msg{max-width:85%;display:flex;flex-direction:column}
.msg.visitor{align-self:flex-end;align-items:flex-end}
.msg.agent{align-self:flex-start}
.text{padding:8px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.visitor .text{background:var(--accent);color:#fff;border-bottom-right-radius:4px}
.agent .text{background:#fff;border:1px solid #e5e7eb;border-bottom-left-radius:4px}
.text a{color:inherit;text-decoration:underline}
.meta{font-size:11px;color:#6b7280;margin-top:2px}
.msg.pending .text{opacity:.6}
.msg.failed .meta{color:#b91c1c}
.ask{padding:12px;border-top:1px solid #e5e7eb;display:grid;gap:8px;background:#fff}
.ask p{margin:0}
.ask label{display:grid;gap:2px;font-size:12px;color:#374151}
.ask input{border:1px solid #d1d5db;border-radius:8px;padding:7px 9px;background:#fff}
.row{display:flex;gap:8px;justify-content:flex-end}
.primary{background:var(--accent);color:#fff;border-radius:8px;padding:7px 14px;font-weight:600}
.secondary{color:#374151;border-radius:8px;padding:7px 10px}
.note{padding:6px 12px;font-size:12px;color:#374151;background:#eef2ff}
.compose{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff}
.compose textarea{flex:1;resize:none;border:1px solid #d1d5db;border-radius:8px;padding:8px 10px;height:42px;max-height:120px;background:#fff}
.status{font-size:12px;color:#92400e;background:#fffbeb;padding:4px 12px}
@media (max-width:480px){:host{right:12px!important;bottom:12px!important}}
`;
