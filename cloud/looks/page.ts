/**
 * The look's phone page as one HTML document: inline CSS, one small inline script (nonce-bound),
 * pictures lazy except the first, so the first paint needs one round trip. The script fills a
 * pending page in when the look arrives (polling its JSON) and sends orders as JSON.
 */
import type { LookAnswer, LookGarment } from './look-data';
import { PAGE_TEXT, type PageLanguage, type PageText } from './page-text';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const yuan = (cents: number) => `¥${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1e293b;background:#f8fafc}
header{padding:16px;background:#0f172a;color:#fff}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#cbd5e1;font-size:14px}
header a{color:#93c5fd}main{padding:12px;display:grid;gap:12px}.g{background:#fff;border-radius:12px;padding:12px;box-shadow:0 1px 3px #0002}
.g.focus{outline:3px solid #2563eb}.g img{width:100%;height:auto;aspect-ratio:3/4;object-fit:cover;border-radius:8px;background:#e2e8f0}
.g h2{margin:8px 0 0;font-size:18px}.meta{margin:0;color:#475569}.price{font-weight:700;color:#b91c1c}
table{width:100%;border-collapse:collapse;margin:8px 0;font-size:14px}th,td{border-bottom:1px solid #e2e8f0;padding:4px;text-align:center}
td.n0{color:#94a3b8}fieldset{border:0;padding:0;margin:6px 0}label{display:block;margin:4px 0}
input[type=text],input[type=tel]{width:100%;padding:10px;font-size:16px;border:1px solid #94a3b8;border-radius:8px}
button{width:100%;padding:12px;font-size:17px;border:0;border-radius:8px;background:#1d4ed8;color:#fff;margin-top:6px}
.status{min-height:1.5em;margin:6px 0 0}.pending,.expired{background:#fff;border-radius:12px;padding:20px;text-align:center}
.nopic{aspect-ratio:3/4;display:grid;place-items:center;background:#e2e8f0;border-radius:8px;color:#64748b}`;

function garment(g: LookGarment, t: PageText, lang: PageLanguage, first: boolean, focus: boolean) {
  const name = lang === 'en' ? g.nameEn : g.nameZh;
  const colour = lang === 'en' ? g.colorEn : g.colorZh;
  const picture = g.image
    ? `<img src="/media/${esc(g.image.hash)}/screen" width="300" height="400" alt="${esc(lang === 'en' ? g.image.altEn : g.image.altZh)}"${first ? ' fetchpriority="high"' : ' loading="lazy"'}>`
    : `<div class="nopic">${t.noPicture}</div>`;
  const cell = (n: number) => `<td class="n${n > 0 ? 1 : 0}">${n}</td>`;
  const rows = g.sizes
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.size)}</th>${cell(s.here)}${cell(s.otherStores)}${cell(s.online)}</tr>`,
    )
    .join('');
  const sizes = g.sizes
    .map(
      (s) =>
        `<label><input type="radio" name="sku" value="${esc(s.sku)}"${s.sku === g.sku ? ' checked' : ''}> ${esc(s.size)}</label>`,
    )
    .join('');
  const mode = (m: 'home' | 'pickup' | 'reserve', checked: boolean) =>
    `<label><input type="radio" name="mode" value="${m}"${checked ? ' checked' : ''}> ${t[m]}</label>`;
  return `<article class="g${focus ? ' focus' : ''}" id="g-${esc(g.sku)}" data-sku="${esc(g.sku)}">${picture}
<h2>${esc(name)}</h2><p class="meta">${t.colour}: ${esc(colour)} · ${t.tried}: ${esc(g.size)} · <span class="price">${yuan(g.priceCents)}</span></p>
<table><thead><tr><th scope="col">${t.size}</th><th scope="col">${t.here}</th><th scope="col">${t.otherStores}</th><th scope="col">${t.online}</th></tr></thead><tbody>${rows}</tbody></table>
<form class="order"><fieldset><legend>${t.size}</legend>${sizes}</fieldset>
<fieldset><legend>${t.mode}</legend>${mode('home', true)}${mode('pickup', false)}${mode('reserve', false)}</fieldset>
<label>${t.contact}<input type="text" name="contact" autocomplete="tel" required minlength="3" maxlength="100"></label>
<button type="submit">${t.order}</button><p class="status" role="status"></p></form></article>`;
}

/** The inline script: poll while pending; post orders as JSON with a fresh order id each. */
function script(token: string, t: PageText, pending: boolean): string {
  const msgs = JSON.stringify({
    ordered: t.ordered,
    sending: t.sending,
    failed: t.failed,
    outOfStock: t.outOfStock,
  });
  const base = `/m/${token}`;
  return pending
    ? `(function poll(){setTimeout(function(){fetch('${base}/look.json',{cache:'no-store'}).then(function(r){return r.json()}).then(function(a){if(a.state!=='pending')location.reload();else poll()},poll)},3000)})();`
    : `var M=${msgs};document.querySelectorAll('form.order').forEach(function(f){f.addEventListener('submit',function(e){e.preventDefault();var d=new FormData(f),s=f.querySelector('.status'),b=f.querySelector('button');s.textContent=M.sending;b.disabled=true;
fetch('${base}/orders',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({orderId:crypto.randomUUID(),mode:d.get('mode'),sku:d.get('sku'),qty:1,contact:String(d.get('contact')||'')})})
.then(function(r){return r.json()}).then(function(a){b.disabled=false;s.textContent=a.ok?M.ordered+' '+a.value.orderId.slice(0,8):(a.error&&a.error.code==='out-of-stock'?M.outOfStock:M.failed)},function(){b.disabled=false;s.textContent=M.failed})})});`;
}

export function renderLookPage(
  token: string,
  answer: LookAnswer,
  lang: PageLanguage,
  opts: { nonce: string; focusSku: string | null },
): string {
  const t = PAGE_TEXT[lang];
  const other = lang === 'en' ? 'zh-CN' : 'en';
  let header = `<h1>${t.title}</h1>`;
  let body: string;
  if (answer.state === 'ready') {
    const storeName = lang === 'en' ? answer.store.nameEn : answer.store.nameZh;
    header += `<p>${t.intro} · ${t.store}: ${esc(storeName)} · ${t.validUntil} ${esc(answer.expiresAt.slice(0, 10))}</p>`;
    body = answer.garments
      .map((g, i) => garment(g, t, lang, i === 0, g.sku === opts.focusSku))
      .join('\n');
  } else if (answer.state === 'pending') {
    body = `<section class="pending" role="status"><h2>${t.pendingTitle}</h2><p>${t.pending}</p></section>`;
  } else {
    body = `<section class="expired"><h2>${t.expiredTitle}</h2><p>${t.expired}</p></section>`;
  }
  const js =
    answer.state === 'expired'
      ? ''
      : `<script nonce="${opts.nonce}">${script(token, t, answer.state === 'pending')}</script>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${t.title}</title><style>${CSS}</style></head>
<body data-state="${answer.state}"><header>${header}<p><a href="?lang=${other}" lang="${other}">${t.other}</a></p></header>
<main>${body}</main>${js}</body></html>`;
}
