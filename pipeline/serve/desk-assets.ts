/**
 * The files the server adds to the site: the desk's style and script, and
 * the live-reload script injected into served pages (never into a build).
 * The scripts read memory text only through textContent and data
 * attributes and write it only with textContent, so a target is never
 * parsed as HTML in the browser either.
 */

export const DESK_CSS = `
body{margin:0;font:1rem/1.6 system-ui,"Noto Sans","Noto Sans CJK KR","Noto Sans Korean Regular","Noto Naskh Arabic",sans-serif;color:#1a1a1a;background:#fff}
header,main{max-width:76rem;margin-inline:auto;padding-inline:1rem}
header{border-block-end:1px solid #ddd;position:sticky;top:0;background:#fff;z-index:1}
h1{font-size:1.3rem;overflow-wrap:anywhere;margin-block:.6rem}
.summary,.keys{color:#555;font-size:.875rem;margin-block:.3rem}
.filters{display:flex;flex-wrap:wrap;gap:.3rem;padding-block:.5rem}
.filters button[aria-pressed=true]{background:#1a1a1a;color:#fff}
.row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.25rem 1.5rem;padding-block:.75rem;border-block-end:1px solid #eee}
.row[hidden]{display:none}
.row:focus-within{background:#f6f9ff}
.meta{grid-column:1/-1;font-size:.8rem;color:#555}
.id{font-family:ui-monospace,monospace}
.cell{min-width:0;overflow-wrap:anywhere;unicode-bidi:isolate}
.cell p{margin:0}
.editor{border:1px solid #bbb;border-radius:.25rem;padding:.3rem .5rem;min-height:1.6em;unicode-bidi:isolate;white-space:pre-wrap}
.editor:focus{outline:2px solid #2255cc}
.tag{display:inline-block;unicode-bidi:isolate;font:.75rem/1.4 ui-monospace,monospace;background:#e6ecf8;border:1px solid #9ab;border-radius:.2rem;padding-inline:.2rem;margin-inline:.1rem;cursor:grab;user-select:all}
.change{margin-block-start:.4rem;padding:.25rem .5rem;background:#f7f7f7;font-size:.875rem}
.status{display:inline-block;padding-inline:.4rem;border-radius:.25rem;background:#e8f0e8}
.status.attention{background:#fde2c8}
.flag{color:#a00}
.actions{display:flex;flex-wrap:wrap;gap:.3rem;margin-block-start:.4rem}
.message{font-size:.85rem;color:#333;min-height:1.2em}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
table{border-collapse:collapse;margin-block:1rem}th,td{padding:.2rem .6rem;border-block-end:1px solid #eee;text-align:start}td.attention a{font-weight:700;color:#a40}
:lang(ko){word-break:keep-all}
`.trim();

export const DESK_JS = String.raw`'use strict';
(() => {
  const tokenMeta = document.querySelector('meta[name="edition-token"]');
  const tagMeta = document.querySelector('meta[name="edition-etag"]');
  if (!tokenMeta || !tagMeta) return;
  const body = document.body;
  const rows = () => Array.from(document.querySelectorAll('main section.row'));
  const TAG = /<\/?[A-Za-z][A-Za-z0-9]*\s*\/?>/g;

  for (const button of document.querySelectorAll('[data-filter]')) {
    button.addEventListener('click', () => {
      const filter = button.dataset.filter;
      for (const other of document.querySelectorAll('[data-filter]')) other.setAttribute('aria-pressed', String(other === button));
      for (const row of rows()) row.hidden = filter !== 'all' && row.dataset.category !== filter;
    });
  }

  const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  // The tagged text of an editor: text escaped, each token as the tag it stands for.
  function serialize(node) {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += escape(child.data);
      else if (child.nodeType === Node.ELEMENT_NODE) out += child.dataset && child.dataset.tag !== undefined ? child.dataset.tag : serialize(child);
    }
    return out;
  }
  function token(tag) {
    const span = document.createElement('span');
    span.className = 'tag';
    span.contentEditable = 'false';
    span.draggable = true;
    span.dataset.tag = tag;
    span.dir = 'ltr';
    span.textContent = tag;
    return span;
  }
  function nodesOf(parts) {
    return parts.map((part) => ('tag' in part ? token(part.tag) : document.createTextNode(part.text)));
  }
  // Plain text pasted or dropped: its tags become tokens again, the rest stays text.
  function nodesOfText(text) {
    const nodes = [];
    let last = 0;
    for (const match of text.matchAll(TAG)) {
      if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
      nodes.push(token(match[0]));
      last = match.index + match[0].length;
    }
    if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }
  function insertAt(range, nodes) {
    range.deleteContents();
    const fragment = document.createDocumentFragment();
    fragment.append(...nodes);
    const last = fragment.lastChild;
    range.insertNode(fragment);
    if (last) {
      const selection = getSelection();
      const after = document.createRange();
      after.setStartAfter(last);
      after.collapse(true);
      selection.removeAllRanges();
      selection.addRange(after);
    }
  }

  const apiUrl = (row) => '/_edition/api/memory/' + encodeURIComponent(body.dataset.locale) + '/' + encodeURIComponent(body.dataset.slug) + '/' + encodeURIComponent(row.dataset.id);

  // What the server last showed in a row: after a conflict a row is replaced only when the file changed it since,
  // so what a reviewer typed and has not saved stays wherever no one else changed the segment.
  const shownOf = (editor, state) => serialize(editor) + '\u0000' + state;
  for (const row of rows()) row.dataset.shown = shownOf(row.querySelector('.editor'), row.dataset.state);

  function show(row, data) {
    row.dataset.category = data.category;
    row.dataset.state = data.state;
    const status = row.querySelector('.status');
    status.textContent = data.label;
    status.classList.toggle('attention', data.attention);
    const editor = row.querySelector('.editor');
    editor.replaceChildren(...nodesOf(data.parts));
    row.dataset.shown = shownOf(editor, data.state);
    // The meta line as the desk would render it now: no cleared flag, no origin the save changed.
    const origin = document.createElement('span');
    origin.className = 'origin';
    origin.textContent = ' \u00b7 ' + data.meta.origin;
    row.querySelector('.notes').replaceChildren(
      ...(data.meta.origin === undefined ? [] : [origin]),
      ...data.meta.notes.flatMap((note) => {
        const flag = document.createElement('bdi');
        flag.className = 'flag';
        flag.textContent = note;
        return [' \u00b7 ', flag];
      }),
    );
    row.querySelector('[data-action="clear-flag"]').hidden = !data.flag;
    tagMeta.content = data.etag;
    recount();
  }

  // The counts of the header and of each filter, as the rows now stand: a reviewer sees the work left go down as they save.
  function recount() {
    const all = rows();
    const attention = all.filter((row) => row.querySelector('.status').classList.contains('attention')).length;
    const counts = document.querySelector('.summary .counts');
    if (counts) counts.textContent = body.dataset.msgSummary.replace('{total}', () => String(all.length)).replace('{attention}', () => String(attention));
    for (const button of document.querySelectorAll('[data-filter]')) {
      const filter = button.dataset.filter;
      const count = filter === 'all' ? all.length : all.filter((row) => row.dataset.category === filter).length;
      button.textContent = button.dataset.label + ' (' + count + ')';
    }
  }

  // The file's tag stands for every row of the page: after a conflict each
  // row the file changed is shown as it now is, or a stale row would pass
  // the new tag and overwrite what the other reviewer saved.
  // A row someone else changed while this reviewer typed in it shows their text, and keeps the reviewer's under it.
  async function reloadAll() {
    for (const row of rows()) {
      const response = await fetch(apiUrl(row), { headers: { 'X-Edition-Token': tokenMeta.content } });
      if (!response.ok) continue;
      const data = await response.json();
      const holder = document.createElement('div');
      holder.replaceChildren(...nodesOf(data.parts));
      // A flag set or cleared on disk changes neither text nor state, only the row's category.
      if (shownOf(holder, data.state) === row.dataset.shown && data.category === row.dataset.category) {
        tagMeta.content = data.etag;
        continue;
      }
      const editor = row.querySelector('.editor');
      const typed = shownOf(editor, row.dataset.state) !== row.dataset.shown ? serialize(editor) : undefined;
      show(row, data);
      row.querySelector('.message').textContent = typed === undefined ? '' : replacedMessage(typed);
    }
  }

  const replacedMessage = (typed) => body.dataset.msgReplaced.replace('{typed}', () => typed);

  async function save(row, state, clearFlag) {
    const message = row.querySelector('.message');
    const response = await fetch(apiUrl(row), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Edition-Token': tokenMeta.content, 'If-Match': tagMeta.content },
      body: JSON.stringify({ target: serialize(row.querySelector('.editor')), state, clearFlag }),
    });
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      show(row, data);
      message.textContent = body.dataset.msgSaved;
      return true;
    }
    if (response.status === 409) {
      const sent = serialize(row.querySelector('.editor'));
      const shown = row.dataset.shown;
      await reloadAll();
      // What this reviewer tried to save is kept in view when someone else's text replaced it.
      const lost = row.dataset.shown !== shown && serialize(row.querySelector('.editor')) !== sent;
      message.textContent = lost ? body.dataset.msgConflict + ' ' + replacedMessage(sent) : body.dataset.msgConflict;
    } else if (response.status === 403) {
      message.textContent = body.dataset.msgForbidden;
    } else {
      const reason = refusalReason(data, response);
      // A function, not the text: a reason holding $& or $' would otherwise be read as a replacement pattern.
      message.textContent = body.dataset.msgRefused.replace('{reason}', () => reason);
    }
    return false;
  }

  // What the server refused, in the desk's language where the desk knows the refusal; the check's own words stay as given.
  function refusalReason(data, response) {
    const detail = typeof data.detail === 'string' ? data.detail : '';
    if (data.code === 'segment/placeholders') return body.dataset.msgTagsMismatch.replace('{detail}', () => detail);
    if (data.code === 'translation/unchecked') return body.dataset.msgFailsChecks.replace('{detail}', () => detail);
    if (data.code === 'serve/empty-target') return body.dataset.msgEmptyTarget;
    if (typeof data.error !== 'string') return response.statusText;
    return typeof data.file === 'string' ? data.file + ': ' + data.error : data.error;
  }

  function focusNext(row, step) {
    const list = rows().filter((candidate) => !candidate.hidden);
    const next = list[list.indexOf(row) + step];
    if (next) {
      next.querySelector('.editor').focus();
      next.scrollIntoView({ block: 'nearest' });
    }
  }

  let dragged;
  for (const row of rows()) {
    const editor = row.querySelector('.editor');
    editor.addEventListener('keydown', async (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        if (event.ctrlKey || event.metaKey) {
          // Approving a final segment unchanged keeps it final: going down the desk never lowers a state a reviewer set.
          // Its text edited, it is approved, not finalized: new words wait for their own sign-off.
          const unchanged = shownOf(editor, row.dataset.state) === row.dataset.shown;
          if (await save(row, event.shiftKey || (row.dataset.state === 'final' && unchanged) ? 'final' : 'reviewed', false)) focusNext(row, 1);
        }
      } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        focusNext(row, event.key === 'ArrowDown' ? 1 : -1);
      }
    });
    editor.addEventListener('paste', (event) => {
      event.preventDefault();
      const selection = getSelection();
      if (selection.rangeCount > 0) insertAt(selection.getRangeAt(0), nodesOfText(event.clipboardData.getData('text/plain')));
    });
    for (const kind of ['copy', 'cut']) {
      editor.addEventListener(kind, (event) => {
        const selection = getSelection();
        if (selection.rangeCount === 0) return;
        event.preventDefault();
        const range = selection.getRangeAt(0);
        const holder = document.createElement('div');
        holder.append(range.cloneContents());
        event.clipboardData.setData('text/plain', serialize(holder).replace(/&lt;|&gt;|&amp;/g, (entity) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&' })[entity]));
        if (kind === 'cut') range.deleteContents();
      });
    }
    editor.addEventListener('dragstart', (event) => {
      const tag = event.target.closest && event.target.closest('.tag');
      if (!tag) return;
      dragged = tag;
      event.dataTransfer.setData('text/plain', tag.dataset.tag);
      event.dataTransfer.effectAllowed = 'move';
    });
    editor.addEventListener('dragover', (event) => event.preventDefault());
    editor.addEventListener('drop', (event) => {
      event.preventDefault();
      const range = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
      if (!range || !editor.contains(range.startContainer)) return;
      if (dragged && editor.contains(dragged)) insertAt(range, [dragged]);
      else insertAt(range, nodesOfText(event.dataTransfer.getData('text/plain')));
      dragged = undefined;
    });
    for (const button of row.querySelectorAll('[data-action]')) {
      button.addEventListener('click', () => {
        const action = button.dataset.action;
        if (action === 'clear-flag') void save(row, row.dataset.state === 'initial' || !row.dataset.state ? 'translated' : row.dataset.state, true);
        else void save(row, action, false);
      });
    }
  }
})();
`;

export const LIVE_JS = String.raw`'use strict';
(() => {
  let path = decodeURIComponent(location.pathname).replace(/^\//, '');
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const events = new EventSource('/_edition/events');
  events.addEventListener('change', (event) => {
    if (JSON.parse(event.data).paths.includes(path)) location.reload();
  });
  events.addEventListener('problem', (event) => console.warn(JSON.parse(event.data).message));
})();
`;
