/* Celik's service worker: courses a learner saved, read and practised offline.

   What it keeps: only the courses the signed-in learner saved ("Save for offline"
   on a course page fills a cache named for the learner and the course), and the
   offline page. Every page still comes from the network first; a saved page is
   used only when the network fails, and is refreshed whenever it is fetched online.
   A page is kept only if the server marked it as made for the current learner
   (the Celik-Learner header); another learner signing in, or signing out, empties
   the caches.

   What it queues: "Mark complete" and quiz answers posted while offline are kept
   (with the time they happened) and sent, in order, when the connection returns.
   The server grades them then; nothing is graded here. */

const SHELL = "celik-shell-v1";
const QUEUE = "celik-queue";
const META = "celik-meta";
const COURSE = "celik-course-"; // + learner + "-" + course id
const QUEUED_POSTS = /^\/[a-z]{2,3}\/learn\/(courses\/\d+\/lessons\/\d+\/complete|attempts\/\d+\/(questions\/\d+|all|review))\/$/;

self.addEventListener("install", (event) => {
  // The offline page is fetched in the background: a slow start never keeps the worker from taking over.
  event.waitUntil(self.skipWaiting());
  caches.open(SHELL).then((cache) => cache.add("/offline/")).catch(() => {});
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function meta(key, value) {
  const cache = await caches.open(META);
  if (value === undefined) {
    const hit = await cache.match("/__" + key);
    return hit ? hit.json() : null;
  }
  await cache.put("/__" + key, new Response(JSON.stringify(value)));
  return value;
}

async function learnerCaches(learner) {
  return (await caches.keys()).filter((name) => name.startsWith(COURSE + learner + "-"));
}

/* Another learner (or nobody, after signing out): forget the previous learner's pages. */
async function becomeLearner(learner) {
  const previous = await meta("learner");
  if (previous === learner) return;
  for (const name of await caches.keys()) {
    const kept = name.startsWith(COURSE) || name.startsWith("celik-saving-");
    if (kept && !name.includes("-" + learner + "-")) await caches.delete(name);
  }
  await meta("learner", learner);
}

async function fromSaved(request) {
  const learner = await meta("learner");
  if (!learner) return null;
  for (const name of await learnerCaches(learner)) {
    const hit = await caches.match(request, { cacheName: name, ignoreVary: true });
    if (hit) return hit;
  }
  return null;
}

/* A page fetched online refreshes its saved copy, if it is saved and made for this learner. */
async function refreshSaved(request, response) {
  const learner = response.headers.get("Celik-Learner");
  if (!learner) return;
  await becomeLearner(learner);
  for (const name of await learnerCaches(learner)) {
    const cache = await caches.open(name);
    if (await cache.match(request, { ignoreVary: true })) await cache.put(request, response.clone());
  }
}

async function navigate(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await refreshSaved(request, response);
    return response;
  } catch (offline) {
    const home = new URL(request.url).pathname === "/" ? await savedCoursesPage() : null;
    return (await fromSaved(request)) || home || (await caches.match("/offline/")) || Response.error();
  }
}

/* Opened from the home screen without a connection: the list of saved courses. */
async function savedCoursesPage() {
  const learner = await meta("learner");
  for (const name of learner ? await learnerCaches(learner) : []) {
    const cache = await caches.open(name);
    const page = (await cache.keys()).find((key) => key.url.endsWith("/learn/saved/"));
    if (page) return cache.match(page);
  }
  return null;
}

async function asset(request) {
  return (await fromSaved(request)) || fetch(request);
}

/* The page the learner sees after posting offline: the server's own "saved on this
   phone" page (saved with the course, in their language), with the next link filled in. */
async function queuedPage(request, body) {
  const url = new URL(request.url);
  const language = url.pathname.split("/")[1];
  let next = new URL(request.referrer || url.href).pathname;
  const question = url.pathname.match(/^(.*\/attempts\/\d+\/)questions\/(\d+)\/$/);
  if (body.get("next_url")) next = body.get("next_url");
  else if (question) {
    const following = `${question[1]}questions/${Number(question[2]) + 1}/`;
    next = (await fromSaved(new Request(following))) ? following : `${question[1]}review/`;
  }
  const kind = QUEUED_POSTS.exec(url.pathname)[1].startsWith("courses") ? "lesson" : "quiz";
  const saved = await fromSaved(new Request(`/${language}/offline/saved/`));
  if (!saved) return Response.redirect(next, 303);
  const html = (await saved.text()).replace(/__NEXT__/g, next).replace(`data-kind="${kind}" hidden`, `data-kind="${kind}"`);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function post(request) {
  const copy = request.clone();
  try {
    const response = await fetch(request);
    const answered = response.ok || response.type === "opaqueredirect"; // a form's redirect is not readable here
    if (new URL(request.url).pathname.endsWith("/accounts/logout/") && answered) await becomeLearner(null);
    return response;
  } catch (offline) {
    const learner = await meta("learner");
    if (!learner || !QUEUED_POSTS.test(new URL(copy.url).pathname)) throw offline;
    const body = new URLSearchParams(await copy.text());
    body.set("offline_at", String(Date.now()));
    const key = `/__queued/${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const item = { url: copy.url, body: body.toString(), learner };
    await (await caches.open(QUEUE)).put(key, new Response(JSON.stringify(item)));
    if (self.registration.sync) self.registration.sync.register("celik-queue").catch(() => {});
    return queuedPage(copy, body);
  }
}

let flushing = null;

/* Sends what was queued, oldest first; stops at the first network failure and
   tries again at the next chance. A learner's items go only with their session. */
function flush() {
  flushing = flushing || sendQueued().finally(() => (flushing = null));
  return flushing;
}

async function sendQueued() {
  const queue = await caches.open(QUEUE);
  const learner = await meta("learner");
  const keys = (await queue.keys()).sort((a, b) => (a.url < b.url ? -1 : 1));
  const sent = [];
  for (const key of keys) {
    const item = await (await queue.match(key)).json();
    if (item.learner !== learner) continue;
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        body: item.body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    } catch (stillOffline) {
      break;
    }
    if (response.status >= 500) break;
    await queue.delete(key);
    sent.push({ url: item.url, landed: response.url, status: response.status });
  }
  if (sent.length) {
    for (const client of await self.clients.matchAll()) client.postMessage({ type: "celik-sent", sent });
  }
  return sent;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/admin/")) return;
  if (request.method === "POST") return event.respondWith(post(request));
  if (request.method !== "GET") return;
  if (request.mode === "navigate") return event.respondWith(navigate(request));
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/")) event.respondWith(asset(request));
});

self.addEventListener("message", (event) => {
  if (event.data === "celik-flush") event.waitUntil(flush());
  if (event.data && event.data.type === "celik-learner") event.waitUntil(becomeLearner(event.data.learner));
});

self.addEventListener("sync", (event) => {
  if (event.tag === "celik-queue") event.waitUntil(flush());
});
