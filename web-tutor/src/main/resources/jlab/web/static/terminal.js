// jlab's web terminal: xterm.js 4.9 in <div id="terminal" data-command="jlab|shell">, over a WebSocket to a
// pseudo-terminal on the server. The protocol is in web-tutor/README.md ("The web terminal").
//
// Stable hooks for tests and pages:
//   #terminal            data-state = connecting | connected | reconnecting | ended;
//                        data-terminal-id, data-pid once connected
//   #terminal-status     one line saying what is happening (or why it ended)
//   #terminal-restart    shown once a terminal has ended: opens a new one
//   #terminal-command    (optional) <select> of what runs: jlab (the REPL) or shell (a login shell)
//   .jlab-line           a command line of a `.listingblock.jlab-cmd pre`: a click pastes it
//   window.jlabTerminal  { term, paste(text), text(), close() }
//
// A reload finds the same terminal: its id is kept in this tab's sessionStorage, and leaving the page does not
// end it (the server hangs up a terminal that no page shows for a minute). Closing it on purpose — another
// program chosen, jlabTerminal.close() — ends it at once.
(function () {
  'use strict';
  const el = document.getElementById('terminal');
  if (!el || typeof Terminal === 'undefined') return;
  const statusLine = document.getElementById('terminal-status');
  const restart = document.getElementById('terminal-restart');
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : '';
  const chooser = document.getElementById('terminal-command');
  const KEPT = 'jlab.terminal';   // sessionStorage: {"id": ..., "command": ...} of this tab's terminal
  const CHOSEN = 'jlab.terminal.command';
  let command = chosenCommand();

  // The DOM renderer: slower than the canvas one, but the screen's text is then in the page (tests read it).
  const term = new Terminal({ cursorBlink: true, scrollback: 5000, rendererType: 'dom', rightClickSelectsWord: true,
                              fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: 14 });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(el);
  fit.fit();

  let ws = null;          // the current WebSocket
  let terminalId = kept(); // the server's terminal: a reconnect (or a reload) asks for this one again
  let leaving = false;    // the page is going away: do not reconnect
  let attempts = 0;
  let generation = 0;     // bumped when another terminal is asked for: an answer about the old one is dropped

  // What runs: the student's last choice in this tab, if this page offers it, else the page's default.
  function chosenCommand() {
    const offered = chooser ? Array.from(chooser.options).map((o) => o.value) : [];
    const last = storage('get', CHOSEN);
    const c = last && offered.includes(last) ? last : (el.dataset.command || 'jlab');
    if (chooser) chooser.value = c;
    el.dataset.command = c;
    return c;
  }

  // sessionStorage may be refused (a privacy setting): then a reload simply opens a new terminal.
  function storage(op, key, value) {
    try {
      if (op === 'get') return sessionStorage.getItem(key);
      if (op === 'set') sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    } catch (e) { /* not kept */ }
    return null;
  }

  function kept() {
    try {
      const k = JSON.parse(storage('get', KEPT) || 'null');
      return k && k.command === command ? k.id : null;
    } catch (e) {
      return null;
    }
  }

  function keep(id) {
    if (id) storage('set', KEPT, JSON.stringify({ id: id, command: command }));
    else storage('remove', KEPT);
  }

  // The command lines of a listing (labs/README.md): a line that starts with a prompt, `# ` or `$ `, is a
  // command; the prompt and the callouts (<b class="conum">(1)</b>) are not part of it; other lines are what
  // the commands print. Each command line is wrapped in <span class="jlab-line" data-command="...">, the
  // listing looking the same. Answers [{node, text}] for the command lines.
  function markCommandLines(code) {
    const lines = [[]];
    Array.from(code.childNodes).forEach((n) => {
      if (n.nodeType !== Node.TEXT_NODE) return lines[lines.length - 1].push(n); // a callout: kept on its line
      n.textContent.split('\n').forEach((piece, i) => {
        if (i > 0) lines.push([]);
        if (piece) lines[lines.length - 1].push(document.createTextNode(piece));
      });
    });
    code.textContent = '';
    const commands = [];
    lines.forEach((nodes, i) => {
      if (i > 0) code.appendChild(document.createTextNode('\n'));
      const text = nodes.filter((n) => !(n.classList && n.classList.contains('conum'))).map((n) => n.textContent).join('');
      const m = /^[#$] +(\S.*?)\s*$/.exec(text);
      if (!m) return nodes.forEach((n) => code.appendChild(n));
      const line = document.createElement('span');
      line.className = 'jlab-line';
      line.dataset.command = m[1];
      nodes.forEach((n) => line.appendChild(n));
      code.appendChild(line);
      commands.push({ node: line, text: m[1] });
    });
    return commands;
  }

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
    const mine = generation;
    let t;
    try {
      t = await ticket();
      if (mine !== generation) return; // another program was chosen meanwhile
    } catch (e) {
      if (mine !== generation) return;
      // The kept terminal has ended meanwhile (the minute passed, the tutor restarted): open a new one.
      if (e.status === 404 && terminalId) {
        terminalId = null;
        keep(null);
        return connect();
      }
      // Other 4xx: the server said no (too many open): say why and stop. Else: try again.
      if (e.status >= 400 && e.status < 500) return state('ended', e.message);
      return retry('cannot reach the tutor (' + e.message + '): trying again');
    }
    terminalId = t.terminal;
    keep(t.terminal);
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
      if (ev.code === 1000 || (ev.code >= 4000 && ev.code < 5000)) {
        if (ev.code !== 4409) keep(null); // taken over: the other tab has it now (and keeps its id)
        return state('ended', ev.reason || 'the terminal was closed');
      }
      retry('the connection dropped: reconnecting');
    };
  }

  function retry(message) {
    state('reconnecting', message);
    const delay = Math.min(500 * Math.pow(2, attempts++), 8000);
    const mine = generation;
    setTimeout(() => { if (mine === generation) connect(); }, delay);
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

  // Commands in the instructions (labs/README.md): a click pastes the command, without Enter — the student
  // reads it, then runs it. The REPL takes jlab's commands without the program's name: `./jlab run ...` is
  // pasted there as `run ...`; a login shell gets the line as written.
  function forTerminal(line) {
    const c = line.replace(/\s+$/, '');
    return command === 'jlab' ? c.replace(/^(\.\/)?jlab\s+/, '') : c;
  }

  function pasteCommand(text) {
    term.paste(forTerminal(text));
    term.focus();
  }

  function clickable(node, text) {
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    node.title = 'click to paste into the terminal';
    node.addEventListener('click', (e) => {
      e.stopPropagation();
      if (!window.getSelection().toString()) pasteCommand(text); // a drag to select and copy is not a click
    });
    node.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        pasteCommand(text);
      }
    });
  }

  document.querySelectorAll('code.jlab-cmd').forEach((code) => clickable(code, code.textContent));
  document.querySelectorAll('.listingblock.jlab-cmd pre').forEach((pre) => {
    const commands = markCommandLines(pre.querySelector('code') || pre);
    commands.forEach((c) => clickable(c.node, c.text));
    // A listing of one command: a click anywhere on it pastes that command (its output lines included).
    if (commands.length === 1) {
      pre.classList.add('jlab-one-command');
      pre.addEventListener('click', () => { if (!window.getSelection().toString()) pasteCommand(commands[0].text); });
    }
  });

  // Leaving the page (a reload, another page) leaves the terminal running: the next page of this tab asks for
  // it again within the server's minute, and a tab closed for good ends it after that minute.
  window.addEventListener('pagehide', () => {
    leaving = true;
    if (ws) ws.close(1000);
  });
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted || ws) return; // back from the browser's page cache: connect again
    leaving = false;
    connect();
  });

  function openNew() {
    terminalId = null;
    keep(null);
    attempts = 0;
    term.reset();
    state('connecting', 'connecting');
    connect();
  }

  // Closing on purpose ends the program now; the server confirms with close 1000.
  function closeNow() {
    send({ type: 'close' });
    keep(null);
  }

  // Another program: the current one ends now, quietly (its last output and its close are not shown).
  function switchTo(c) {
    generation++;
    if (ws) {
      const old = ws;
      ws = null;
      old.onmessage = null;
      old.onclose = null;
      if (old.readyState === WebSocket.OPEN) old.send(JSON.stringify({ type: 'close' }));
      old.close(1000); // after the message: the server reads it first
    }
    command = c;
    el.dataset.command = c;
    storage('set', CHOSEN, c);
    openNew();
  }

  if (restart) restart.addEventListener('click', openNew);

  if (chooser) chooser.addEventListener('change', () => { if (chooser.value !== command) switchTo(chooser.value); });

  window.jlabTerminal = {
    term: term,
    paste: (text) => term.paste(text),
    text: () => {
      const b = term.buffer.active;
      const lines = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i).translateToString(true));
      return lines.join('\n').replace(/\n+$/, '');
    },
    close: () => { leaving = true; closeNow(); }
  };

  state('connecting', 'connecting');
  connect();
  term.focus();
})();
