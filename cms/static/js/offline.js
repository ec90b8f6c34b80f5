/* Learning offline, the page's side: registers the service worker, offers
   "Save for offline" on a course page, lists saved courses, and tells the learner
   when what they did offline has been sent. Without JavaScript (or without service
   workers) none of this appears and every page works as before. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) return;
  var signedIn = document.body.hasAttribute("data-signed-in");
  navigator.serviceWorker.register("/sw.js", { scope: "/" });

  function worker(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  function size(bytes) {
    var lang = document.documentElement.lang;
    var mb = bytes / 1048576;
    return mb >= 0.1 ? mb.toLocaleString(lang, { maximumFractionDigits: 1 }) + " MB"
      : Math.max(1, Math.round(bytes / 1024)).toLocaleString(lang) + " KB";
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  }

  function cacheName(learner, course) { return "celik-course-" + learner + "-" + course; }

  function savedInfo(name) {
    return caches.open(name).then(function (cache) { return cache.match("/__saved"); })
      .then(function (hit) { return hit ? hit.json() : null; });
  }

  /* Saves every file of the bundle into a new cache, then swaps it in: a failed
     save never leaves a half course behind. */
  function save(bundle, progress) {
    var name = cacheName(bundle.learner, bundle.course);
    var fresh = "celik-saving-" + bundle.learner + "-" + bundle.course;  // not a saved course until complete
    var done = 0;
    return caches.delete(fresh).then(function () { return caches.open(fresh); }).then(function (cache) {
      var chain = Promise.resolve();
      bundle.files.forEach(function (file) {
        chain = chain.then(function () {
          return fetch(file.url, { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) throw new Error(file.url);
            progress(++done, bundle.files.length);
            return cache.put(file.url, response);
          });
        });
      });
      return chain.then(function () {
        var info = { title: bundle.title, url: bundle.url, bytes: bundle.bytes, version: bundle.version,
          bundleUrl: bundle.bundleUrl, savedAt: new Date().toISOString() };
        return cache.put("/__saved", new Response(JSON.stringify(info)));
      });
    }).then(function () { return caches.delete(name); })
      .then(function () { return copyCache(fresh, name); })
      .then(function () { return caches.delete(fresh); });
  }

  function copyCache(from, to) {
    return Promise.all([caches.open(from), caches.open(to)]).then(function (pair) {
      return pair[0].keys().then(function (keys) {
        return Promise.all(keys.map(function (key) {
          return pair[0].match(key).then(function (hit) { return pair[1].put(key, hit); });
        }));
      });
    });
  }

  function getBundle(url, have) {
    return fetch(url + (have ? "?have=" + have : ""), { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url);
      return r.json();
    }).then(function (bundle) {
      bundle.bundleUrl = url;
      return bundle;
    });
  }

  /* A course page: "Save for offline", with the size first. */
  var box = document.querySelector("[data-offline-save]");
  if (box && signedIn) {
    var status = box.querySelector("[data-status]");
    var buttons = {};
    ["ask", "save", "delete"].forEach(function (action) { buttons[action] = box.querySelector('[data-action="' + action + '"]'); });
    var pending = null;
    var show = function (visible) {
      Object.keys(buttons).forEach(function (action) { buttons[action].hidden = visible.indexOf(action) < 0; });
    };
    var url = box.getAttribute("data-bundle-url");
    box.hidden = false;
    var ready = getBundle(url, null).then(function (bundle) {
      pending = bundle;
      return savedInfo(cacheName(bundle.learner, bundle.course)).then(function (info) {
        if (!info) return bundle;
        show(["delete"]);
        status.textContent = fill(box.getAttribute("data-text-saved"), { size: size(info.bytes) });
        if (info.version !== bundle.version) save(bundle, function () {});  // updated while online
        return bundle;
      });
    });
    buttons.ask.addEventListener("click", function () {
      ready.then(function (bundle) {
        status.textContent = fill(box.getAttribute("data-text-size"), { size: size(bundle.bytes) });
        show(["save"]);
        buttons.save.focus();
      }, function () {
        status.textContent = box.getAttribute("data-text-failed");
      });
    });
    buttons.save.addEventListener("click", function () {
      show([]);
      save(pending, function (done, total) {
        status.textContent = fill(box.getAttribute("data-text-saving"), { done: done, total: total });
      }).then(function () {
        status.textContent = fill(box.getAttribute("data-text-saved"), { size: size(pending.bytes) });
        show(["delete"]);
      }).catch(function () {
        status.textContent = box.getAttribute("data-text-failed");
        show(["ask"]);
      });
    });
    buttons.delete.addEventListener("click", function () {
      caches.delete(cacheName(pending.learner, pending.course)).then(function () {
        status.textContent = box.getAttribute("data-text-deleted");
        show(["ask"]);
      });
    });
  }

  /* The "Saved courses" page: what this phone keeps, with sizes, to delete. */
  var list = document.querySelector("[data-saved-courses]");
  if (list) {
    var learner = list.getAttribute("data-learner");
    list.querySelector("[data-offline-unsupported]").hidden = true;
    var rows = list.querySelector("[data-saved-list]");
    var render = function () {
      rows.textContent = "";
      return caches.keys().then(function (names) {
        names = names.filter(function (n) { return learner && n.indexOf(cacheName(learner, "")) === 0; });
        return Promise.all(names.map(function (n) { return savedInfo(n).then(function (info) { return [n, info]; }); }));
      }).then(function (found) {
        var total = 0;
        found.forEach(function (pair) {
          if (!pair[1]) return;
          var row = list.querySelector("template[data-saved-row]").content.cloneNode(true);
          row.querySelector("[data-title]").textContent = pair[1].title;
          row.querySelector("[data-title]").href = pair[1].url;
          row.querySelector("[data-size]").textContent = size(pair[1].bytes);
          row.querySelector("[data-delete]").addEventListener("click", function () { caches.delete(pair[0]).then(render); });
          rows.appendChild(row);
          total += pair[1].bytes;
          if (navigator.onLine) {
            getBundle(pair[1].bundleUrl, pair[1].version).then(function (b) { if (!b.unchanged) save(b, function () {}); }).catch(function () {});
          }
        });
        rows.hidden = !rows.children.length;
        list.querySelector("[data-saved-empty]").hidden = !!rows.children.length;
        var sum = list.querySelector("[data-saved-total]");
        sum.hidden = !rows.children.length;
        sum.textContent = fill(list.getAttribute("data-text-total"), { size: size(total) });
      });
    };
    render();
  }

  /* What was done offline goes out as soon as the connection is back. */
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "celik-sent") return;
    var notice = document.createElement("p");
    notice.className = "notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-offline-sent", "");
    var body = document.body;
    notice.textContent = body.getAttribute("data-text-sent");
    var results = event.data.sent.filter(function (item) { return /\/results\/$/.test(item.landed); }).pop();
    if (results) {
      var link = document.createElement("a");
      link.href = results.landed;
      link.textContent = " " + body.getAttribute("data-text-results");
      notice.appendChild(link);
    }
    var main = document.getElementById("main");
    main.insertBefore(notice, main.firstChild);
  });
  window.addEventListener("online", function () { worker("celik-flush"); });
  if (navigator.onLine) worker("celik-flush");
})();
