// The browser half of WebChatIT: drives the web chat page in headless Chromium (puppeteer-core with
// the system browser) while the Java test drives a TCP user on another node. Progress goes to
// stdout as "STEP name" lines, which the Java test waits for; any failure exits 1 with the reason.
//
// usage: node webchat-browser.mjs --url URL --chromium PATH --peer NICK --screenshot FILE
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';

const TIMEOUT_MS = 30_000;
const options = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
for (const required of ['url', 'chromium', 'peer', 'screenshot']) {
  if (!options[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}
const peer = options.peer;

function step(name) {
  console.log(`STEP ${name}`);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const browser = await puppeteer.launch({
  executablePath: options.chromium,
  headless: true,
  // Root in a container: no sandbox; small /dev/shm there too.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', err => console.log(`page error: ${err.message}`));
  await page.setViewport({ width: 1100, height: 620 });
  await page.goto(options.url);

  const text = selector => page.$eval(selector, element => element.textContent);
  const members = () => page.$$eval('#members li', items => items.map(item => item.textContent));
  const waitForMessage = (nick, message) => page.waitForFunction((nick, message) =>
    [...document.querySelectorAll('#messages li.message')].some(item => !item.hidden
      && item.querySelector('.nick')?.textContent === nick && item.querySelector('.text')?.textContent === message),
  {}, nick, message);
  const enter = async line => {
    await page.type('#input', line);
    await page.keyboard.press('Enter');
  };

  await page.waitForFunction(() => document.getElementById('status').textContent === 'connected');
  await page.waitForFunction(() => document.getElementById('me').textContent.startsWith('guest-'));
  await enter('/nick webuser');
  await page.waitForFunction(() => document.getElementById('me').textContent === 'webuser');
  await page.waitForFunction(peer => {
    const nicks = [...document.querySelectorAll('#members li')].map(item => item.textContent);
    return nicks.includes(peer) && nicks.includes('webuser');
  }, {}, peer);
  check((await text('#room-title')) === 'lobby', 'the page shows the lobby');
  step('ready');

  await enter('hello from the browser');
  await waitForMessage('webuser', 'hello from the browser');
  await page.type('#input', 'half-typed');
  step('typed');

  // While the peer's lines arrive, the half-typed input stays as it is; markup in them stays text.
  await waitForMessage(peer, 'hello from nc');
  await waitForMessage(peer, '<b>not bold</b> <img src=x onerror=alert(1)>');
  check(await page.$eval('#input', input => input.value) === 'half-typed', 'the input line was changed');
  check((await page.$$('#messages b, #messages img')).length === 0, 'server text was rendered as HTML');
  const time = await page.$$eval('#messages li.message time', times => times.map(t => t.textContent));
  check(time.every(t => /^\d\d:\d\d$/.test(t)), `messages show their time: ${time}`);

  await page.$eval('#input', input => { input.value = ''; });
  await enter('/join webroom');
  await page.waitForSelector('#rooms li.current[data-room="webroom"]');
  check((await text('#room-title')) === 'webroom', 'the page shows webroom');
  step('joined');

  await page.waitForFunction(peer =>
    [...document.querySelectorAll('#members li')].some(item => item.textContent === peer), {}, peer);
  await waitForMessage(peer, 'welcome to webroom');
  const roomMembers = await members();
  check(roomMembers.length === 2 && roomMembers.includes('webuser'), `webroom's members: ${roomMembers}`);

  // Back to the lobby by clicking it in the room list: its conversation shows again.
  await page.click('#rooms li[data-room="lobby"]');
  await page.waitForSelector('#rooms li.current[data-room="lobby"]');
  await waitForMessage(peer, 'hello from nc');
  await page.type('#input', 'see you in webroom');
  await page.screenshot({ path: options.screenshot });
  step('screenshot');

  // A flood from this page's origin, over its own WebSocket, ends like a TCP user's flood.
  const floodBye = await page.evaluate(() => new Promise(resolve => {
    const socket = new WebSocket(`ws://${location.host}/ws`);
    let last = null;
    socket.onopen = () => {
      for (let i = 0; i < 300; i++) {
        socket.send(`spam ${i}`);
      }
    };
    socket.onmessage = event => { last = event.data; };
    socket.onclose = () => resolve(last);
  }));
  console.log(`FLOOD ${floodBye}`);

  // A page of another site (another origin: same host, another port) cannot open the chat's WebSocket.
  const site = createServer((request, response) => response.end('<p>another site</p>'));
  await new Promise(resolve => site.listen(0, '127.0.0.1', resolve));
  try {
    const elsewhere = await browser.newPage();
    await elsewhere.goto(`http://127.0.0.1:${site.address().port}/`);
    const foreign = await elsewhere.evaluate(url => new Promise(resolve => {
      const socket = new WebSocket(url);
      socket.onopen = () => resolve('opened');
      socket.onclose = () => resolve('refused');
    }), options.url.replace(/^http/, 'ws') + 'ws');
    console.log(`FOREIGN ${foreign}`);
  } finally {
    site.close();
  }
  step('done');
} catch (err) {
  console.error(`browser test failed: ${err.stack || err}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
