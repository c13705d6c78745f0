'use strict';

// The ClusterChat web client: the line protocol of docs/PROTOCOL.md over a WebSocket, one line per
// message both ways. Server text is only ever shown through textContent, never parsed as HTML.
(() => {
  const MAX_ENTRIES = 2000;
  const byId = id => document.getElementById(id);
  const ui = {
    status: byId('status'), me: byId('me'), reconnect: byId('reconnect'), rooms: byId('rooms'),
    roomTitle: byId('room-title'), messages: byId('messages'), members: byId('members'),
    memberCount: byId('member-count'), composer: byId('composer'), input: byId('input'),
  };

  let socket = null;
  let me = '';
  let rooms = [];             // joined rooms in the order they were joined, as the server keeps them
  let current = null;         // the room plain lines go to
  const members = new Map();  // room -> Set of nicks
  const unread = new Map();   // room -> messages since it was last current
  const quietWho = new Map(); // room -> /who answers the page asked for itself and does not show

  function connect() {
    me = '';
    rooms = [];
    current = null;
    members.clear();
    unread.clear();
    quietWho.clear();
    ui.me.textContent = '…';
    ui.reconnect.hidden = true;
    setStatus('connecting', '');
    showRoom();
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(scheme + location.host + '/ws');
    ws.addEventListener('open', () => setStatus('connected', 'connected'));
    ws.addEventListener('message', event => handle(String(event.data)));
    ws.addEventListener('close', () => {
      if (ws === socket) {
        setStatus('disconnected', 'closed');
        ui.reconnect.hidden = false;
      }
    });
    socket = ws;
  }

  function send(line) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(line);
      return true;
    }
    return false;
  }

  // Splits off n space-separated fields; the rest of the line (its free text) comes last.
  function fields(text, n) {
    const out = [];
    let rest = text;
    for (let i = 0; i < n; i++) {
      const space = rest.indexOf(' ');
      out.push(space < 0 ? rest : rest.slice(0, space));
      rest = space < 0 ? '' : rest.slice(space + 1);
    }
    out.push(rest);
    return out;
  }

  function handle(line) {
    const [kind, rest] = fields(line, 1);
    switch (kind) {
      case 'HELLO': {
        const [, nick, room, text] = fields(rest, 3);
        setMe(nick);
        if (room !== '-') {
          joined(room);
        }
        system(text, 'system');
        break;
      }
      case 'HISTORY': // a line from before this page joined the room: shown as the line it was
        handle(fields(rest, 1)[1]);
        break;
      case 'MSG':
      case 'ME':
      case 'BOT': {
        const [room, nick, text] = fields(rest, 2);
        said(room, kind === 'ME' ? 'action' : kind === 'BOT' ? 'bot' : 'message', nick, text);
        break;
      }
      case 'PRIV': {
        const [from, to, text] = fields(rest, 2);
        entry(null, 'private', `${from} → ${to}`, text);
        break;
      }
      case 'JOIN': {
        const [room, nick] = fields(rest, 1);
        memberSet(room).add(nick);
        roomEvent(room, `${nick} joined ${room}`);
        break;
      }
      case 'PART': {
        const [room, nick] = fields(rest, 1);
        memberSet(room).delete(nick);
        roomEvent(room, `${nick} left ${room}`);
        break;
      }
      case 'QUIT': {
        const [room, nick, reason] = fields(rest, 2);
        memberSet(room).delete(nick);
        roomEvent(room, `${nick} quit (${reason})`);
        break;
      }
      case 'NICK': {
        const [room, from, to] = fields(rest, 2);
        rename(memberSet(room), from, to);
        roomEvent(room, `${from} is now ${to}`);
        break;
      }
      case 'TOPIC': { // NICK "-": the room has no topic; no TEXT: NICK cleared it
        const [room, nick, text] = fields(rest, 2);
        roomEvent(room, nick === '-' ? `${room} has no topic`
          : text.trim() ? `topic: ${text.trim()} (set by ${nick})` : `${nick} cleared the topic`);
        break;
      }
      case 'KICK': { // the kicked member hears it too, and is then out of the room
        const [room, nick, target, reason] = fields(rest, 3);
        const why = reason.trim() ? ` (${reason.trim()})` : '';
        if (me && target.toLowerCase() === me.toLowerCase()) {
          parted(room);
          system(`${nick} kicked you from ${room}${why}`, 'error');
        } else {
          memberSet(room).delete(target);
          roomEvent(room, `${nick} kicked ${target}${why}`);
        }
        break;
      }
      case 'MODE': { // NICK "-" answers a bare /mode with the room's modes
        const [room, nick, changes] = fields(rest, 2);
        roomEvent(room, nick === '-' ? `modes of ${room}: ${changes}` : `${nick} set mode ${changes}`);
        break;
      }
      case 'OK': {
        const [command, detail] = fields(rest, 1);
        ok(command, detail, line);
        break;
      }
      case 'WHO': {
        const [room, , nicks] = fields(rest, 2);
        who(room, nicks ? nicks.split(' ') : []);
        break;
      }
      case 'HELP':
        system(rest, 'system');
        break;
      case 'ROOMS': {
        const [, list] = fields(rest, 1);
        const counts = list ? list.split(' ').map(entry => entry.replace(/:(\d+)$/, ' ($1)')) : [];
        system(`Rooms: ${counts.join(', ') || 'none'}`, 'system');
        break;
      }
      default: // NOTICE, ERR, BYE and any kind this page does not know yet, as they came
        system(line, kind === 'ERR' || kind === 'BYE' ? 'error' : 'system');
    }
  }

  function ok(command, detail, line) {
    if (command === 'join') {
      joined(detail);
    } else if (command === 'part') {
      parted(detail);
    } else if (command === 'nick') {
      setMe(detail);
    } else if (command !== 'help') {
      system(line, 'system');
    }
  }

  function joined(room) {
    if (!rooms.includes(room)) {
      rooms.push(room);
      quietWho.set(room, (quietWho.get(room) || 0) + 1);
      send(`/who ${room}`);
    }
    current = room;
    unread.delete(room);
    showRoom();
  }

  function parted(room) {
    rooms = rooms.filter(r => r !== room);
    members.delete(room);
    unread.delete(room);
    if (current === room) {
      current = rooms.length > 0 ? rooms[rooms.length - 1] : null;
    }
    showRoom();
  }

  function who(room, nicks) {
    const quiet = quietWho.get(room) || 0;
    if (rooms.includes(room)) {
      members.set(room, new Set(nicks));
      renderMembers();
    }
    if (quiet > 0) {
      quietWho.set(room, quiet - 1);
    } else {
      system(`Members of ${room} (${nicks.length}): ${nicks.join(', ')}`, 'system');
    }
  }

  function setMe(nick) {
    const old = me;
    me = nick;
    ui.me.textContent = nick;
    if (old) {
      members.forEach(set => rename(set, old, nick));
    }
    renderMembers();
  }

  function memberSet(room) {
    if (!members.has(room)) {
      members.set(room, new Set());
    }
    return members.get(room);
  }

  function rename(set, from, to) {
    if (set.delete(from)) {
      set.add(to);
    }
  }

  function said(room, kind, nick, text) {
    entry(room, kind, nick, text);
    if (room !== current) {
      unread.set(room, (unread.get(room) || 0) + 1);
      renderRooms();
    }
  }

  function roomEvent(room, text) {
    entry(room, 'event', null, text);
    if (room === current) {
      renderMembers();
    }
  }

  function system(text, kind) {
    entry(null, kind, null, text);
  }

  // One line of the conversation; entries of rooms other than the current one stay hidden.
  function entry(room, kind, nick, text) {
    const item = document.createElement('li');
    item.className = kind;
    if (room) {
      item.dataset.room = room;
    }
    const now = new Date();
    const time = document.createElement('time');
    time.dateTime = now.toISOString();
    time.textContent = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
    item.append(time);
    if (nick) {
      const name = span('nick', kind === 'action' ? `* ${nick}` : nick);
      name.style.color = colorOf(nick);
      item.append(name);
    }
    item.append(span('text', text));
    item.hidden = Boolean(room) && room !== current;
    const list = ui.messages;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    while (list.childElementCount > MAX_ENTRIES) {
      list.firstElementChild.remove();
    }
    if (atBottom) {
      list.scrollTop = list.scrollHeight;
    }
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function colorOf(nick) {
    let hash = 0;
    for (const c of nick.toLowerCase()) {
      hash = (hash * 31 + c.codePointAt(0)) % 360;
    }
    return `hsl(${hash}, 55%, 38%)`;
  }

  function showRoom() {
    for (const item of ui.messages.children) {
      item.hidden = item.dataset.room !== undefined && item.dataset.room !== current;
    }
    ui.roomTitle.textContent = current || 'no room';
    ui.messages.scrollTop = ui.messages.scrollHeight;
    renderRooms();
    renderMembers();
  }

  function renderRooms() {
    ui.rooms.replaceChildren(...rooms.map(room => {
      const item = document.createElement('li');
      item.dataset.room = room;
      item.classList.toggle('current', room === current);
      item.append(span('name', room));
      if (unread.get(room)) {
        item.append(span('unread', String(unread.get(room))));
      }
      item.addEventListener('click', () => {
        if (room !== current) {
          send(`/join ${room}`);
        }
        ui.input.focus();
      });
      return item;
    }));
  }

  function renderMembers() {
    const nicks = [...(members.get(current) || [])]
        .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
    ui.members.replaceChildren(...nicks.map(nick => {
      const item = document.createElement('li');
      item.textContent = nick;
      item.classList.toggle('self', nick === me);
      return item;
    }));
    ui.memberCount.textContent = nicks.length > 0 ? `(${nicks.length})` : '';
  }

  // The server sends room lines to the other members only, so the page shows its own at once.
  function echo(line) {
    if (!current) {
      return;
    }
    if (line.startsWith('//') || !line.startsWith('/')) {
      entry(current, 'message', me, line.startsWith('//') ? line.slice(1) : line);
      return;
    }
    const action = /^\/me (.*\S.*)$/i.exec(line);
    if (action) {
      entry(current, 'action', me, action[1].trim());
    }
  }

  function setStatus(text, state) {
    ui.status.textContent = text;
    ui.status.className = `status ${state}`;
  }

  ui.composer.addEventListener('submit', event => {
    event.preventDefault();
    const line = ui.input.value;
    if (line.trim() && send(line)) {
      ui.input.value = '';
      echo(line);
    }
  });
  ui.reconnect.addEventListener('click', connect);
  connect();
})();
