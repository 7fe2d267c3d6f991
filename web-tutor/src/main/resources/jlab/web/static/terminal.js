// jlab's web terminal: xterm.js 4.9 in <div id="terminal" data-command="jlab|shell">, over a WebSocket to a
// pseudo-terminal on the server. The protocol is in web-tutor/README.md ("The web terminal").
//
// Stable hooks for tests and pages:
//   #terminal            data-state = connecting | connected | reconnecting | ended;
//                        data-terminal-id, data-pid once connected
//   #terminal-status     one line saying what is happening (or why it ended)
//   #terminal-restart    shown once a terminal has ended: opens a new one
//   window.jlabTerminal  { term, paste(text), text(), close() }
(function () {
  'use strict';
  const el = document.getElementById('terminal');
  if (!el || typeof Terminal === 'undefined') return;
  const statusLine = document.getElementById('terminal-status');
  const restart = document.getElementById('terminal-restart');
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : '';
  const command = el.dataset.command || 'jlab';

  // The DOM renderer: slower than the canvas one, but the screen's text is then in the page (tests read it).
  const term = new Terminal({ cursorBlink: true, scrollback: 5000, rendererType: 'dom', rightClickSelectsWord: true,
                              fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: 14 });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(el);
  fit.fit();

  let ws = null;          // the current WebSocket
  let terminalId = null;  // the server's terminal: a reconnect asks for this one again
  let leaving = false;    // the page is going away: do not reconnect
  let attempts = 0;

  function state(s, message) {
    el.dataset.state = s;
    if (message !== undefined && statusLine) statusLine.textContent = message;
    if (restart) restart.hidden = s !== 'ended';
  }

  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  async function ticket() {
    const body = terminalId ? { terminal: terminalId } : { command: command };
    const r = await fetch('/terminal/ticket', {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    });
    const answer = await r.json().catch(() => ({}));
    if (!r.ok) {
      const e = new Error(answer.error || ('the server answered ' + r.status));
      e.status = r.status;
      throw e;
    }
    return answer;
  }

  async function connect() {
    let t;
    try {
      t = await ticket();
    } catch (e) {
      // 4xx: the server said no (the terminal ended, too many open): say why and stop. Else: try again.
      if (e.status >= 400 && e.status < 500) return state('ended', e.message);
      return retry('cannot reach the tutor (' + e.message + '): trying again');
    }
    terminalId = t.terminal;
    el.dataset.terminalId = t.terminal;
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    ws = new WebSocket(scheme + location.host + '/terminal/ws?ticket=' + encodeURIComponent(t.ticket));
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') control(JSON.parse(ev.data));
      else term.write(new Uint8Array(ev.data)); // raw bytes: xterm decodes UTF-8 itself
    };
    ws.onclose = (ev) => {
      ws = null;
      if (leaving) return;
      // 1000 and our own 4xxx codes are final (exited, taken over, bad ticket): show the reason.
      if (ev.code === 1000 || (ev.code >= 4000 && ev.code < 5000)) return state('ended', ev.reason || 'the terminal was closed');
      retry('the connection dropped: reconnecting');
    };
  }

  function retry(message) {
    state('reconnecting', message);
    const delay = Math.min(500 * Math.pow(2, attempts++), 8000);
    setTimeout(connect, delay);
  }

  function control(m) {
    if (m.type === 'ready') {
      attempts = 0;
      term.reset(); // the scrollback replay that follows redraws the screen
      el.dataset.pid = m.pid;
      state('connected', 'connected');
      send({ type: 'resize', cols: term.cols, rows: term.rows });
    } else if (m.type === 'exited') {
      state('ended', 'the program exited with code ' + m.code);
    } else if (m.type === 'taken-over') {
      state('ended', m.message);
    } else if (m.type === 'error' && statusLine) {
      statusLine.textContent = m.message;
    }
  }

  term.onData((data) => send({ type: 'input', data: data }));
  term.onResize((size) => send({ type: 'resize', cols: size.cols, rows: size.rows }));
  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => fit.fit(), 100);
  });

  // Copy: select, then Ctrl+Shift+C (Ctrl+C stays the interrupt it is in every terminal), or the context menu.
  // Paste: Ctrl+Shift+V lets the browser paste (a paste event xterm sends on), as do the context menu
  // and, on Linux, the middle button.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection && navigator.clipboard) navigator.clipboard.writeText(selection);
      e.preventDefault(); // in Chromium, Ctrl+Shift+C would open the element inspector
      return false;
    }
    if (e.code === 'KeyV') return false; // not a key for the program: the browser's paste follows
    return true;
  });

  // Commands in the instructions: a click pastes the command (without Enter: the student reads it, then runs it).
  function pasteCommand(code) {
    term.paste(code.textContent.replace(/\s+$/, ''));
    term.focus();
  }
  document.querySelectorAll('code.jlab-cmd').forEach((code) => {
    code.tabIndex = 0;
    code.title = 'click to paste into the terminal';
    code.addEventListener('click', () => pasteCommand(code));
    code.addEventListener('keydown', (e) => { if (e.key === 'Enter') pasteCommand(code); });
  });

  // Closing the tab ends the terminal at once (a dropped network, in contrast, leaves it a minute to come back).
  window.addEventListener('pagehide', () => {
    leaving = true;
    send({ type: 'close' });
  });

  if (restart) restart.addEventListener('click', () => {
    terminalId = null;
    attempts = 0;
    term.reset();
    state('connecting', 'connecting');
    connect();
  });

  window.jlabTerminal = {
    term: term,
    paste: (text) => term.paste(text),
    text: () => {
      const b = term.buffer.active;
      const lines = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i).translateToString(true));
      return lines.join('\n').replace(/\n+$/, '');
    },
    close: () => { leaving = true; send({ type: 'close' }); }
  };

  state('connecting', 'connecting');
  connect();
  term.focus();
})();
