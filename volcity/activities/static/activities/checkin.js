/* Check-in pages: the phone scan page, the staff kiosk, the code screen's full-screen button.
 * Posts JSON to the API with the session cookie and the CSRF header. Every request carries an
 * idempotency key made once (per page load and action on the phone, per scan at the kiosk);
 * "Try again" resends the same key, so a retry never checks anyone in twice. No dependencies. */
(function () {
  "use strict";

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; getRandomValues does not.
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, body, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Accept-Language": document.documentElement.lang || "zh-hans",
        "X-CSRFToken": csrf
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function say(el, text, good) {
    el.textContent = text;
    el.hidden = false;
    el.classList.toggle("msg-error", !good);
    el.classList.toggle("msg-ok", !!good);
  }

  function errorText(data) {
    var text = (data && data.message) || "";
    var fields = (data && data.fields) || {};
    Object.keys(fields).forEach(function (name) {
      (fields[name] || []).forEach(function (m) { if (m && m !== text) { text += " " + m; } });
    });
    return text;
  }

  /* --- the volunteer's phone ------------------------------------------------------------- */
  function phone(panel) {
    var base = uuid(); // once per page load; one key per action
    var result = document.getElementById("checkin-result");
    var retry = panel.querySelector("[data-retry]");
    var csrf = csrfToken(panel);
    var last = null;
    var busy = false;

    function show(state) {
      panel.dataset.state = state;
      panel.querySelectorAll("[data-show]").forEach(function (el) {
        el.hidden = el.dataset.show !== state;
      });
    }

    function send(action, position) {
      var url = action === "in" ? panel.dataset.checkinUrl : panel.dataset.checkoutUrl;
      var body = {
        code: panel.dataset.code || "",
        latitude: position ? position.coords.latitude : null,
        longitude: position ? position.coords.longitude : null,
        idempotency_key: base + "-" + action
      };
      say(result, panel.dataset.msgSending, true);
      return post(url, body, csrf).then(function (r) {
        if (r.ok) {
          say(result, r.data.message, true);
          retry.hidden = true;
          show(action === "in" ? "in" : "done");
        } else {
          say(result, errorText(r.data) || String(r.status), false);
          retry.hidden = r.status < 500;
        }
      }, function () {
        say(result, panel.dataset.msgOffline, false);
        retry.hidden = false;
      });
    }

    function act(action) {
      if (busy) { return; }
      busy = true;
      last = action;
      say(result, panel.dataset.msgLocating, true);
      var done = function (position) {
        send(action, position).then(function () { busy = false; }, function () { busy = false; });
      };
      if (!navigator.geolocation) { done(null); return; }
      navigator.geolocation.getCurrentPosition(done, function () { done(null); }, {
        enableHighAccuracy: true, timeout: 15000, maximumAge: 30000
      });
    }

    panel.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { act(button.dataset.action); });
    });
    retry.addEventListener("click", function () { if (last) { act(last); } });
  }

  /* --- the staff kiosk ------------------------------------------------------------------- */
  function kiosk(form) {
    var input = form.querySelector("#volunteer-code");
    var result = document.getElementById("kiosk-result");
    var retry = form.querySelector("[data-retry]");
    var log = document.getElementById("kiosk-log");
    var csrf = csrfToken(form);
    var pending = null; // the request to resend on "Try again": same key, same code

    function counts(c) {
      if (!c) { return; }
      Object.keys(c).forEach(function (name) {
        var el = document.querySelector("[data-count=" + name + "]");
        if (el) { el.textContent = c[name]; }
      });
    }

    function note(text, good) {
      var li = document.createElement("li");
      li.textContent = new Date().toTimeString().slice(0, 5) + " " + text;
      li.className = good ? "" : "error";
      log.insertBefore(li, log.firstChild);
      while (log.children.length > 12) { log.removeChild(log.lastChild); }
    }

    function send(req) {
      pending = req;
      say(result, form.dataset.msgSending, true);
      post(req.url, req.body, csrf).then(function (r) {
        if (r.ok) {
          var text = r.data.volunteer_name + " (" + r.data.volunteer_number + "): " + r.data.message;
          say(result, text, true);
          note(text, true);
          counts(r.data.counts);
          retry.hidden = true;
          pending = null;
        } else {
          var msg = errorText(r.data) || String(r.status);
          say(result, msg, false);
          note(msg, false);
          retry.hidden = r.status < 500;
        }
      }, function () {
        say(result, form.dataset.msgOffline, false);
        retry.hidden = false;
      }).then(function () {
        input.value = "";
        input.focus();
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var code = input.value.trim();
      if (!code) { say(result, form.dataset.msgEmpty, false); input.focus(); return; }
      var mode = (form.querySelector("input[name=mode]:checked") || {}).value || "in";
      var action = (event.submitter && event.submitter.value) || mode;
      // A USB scanner presses Enter: the first submit button would win, so Enter uses the mode.
      if (event.submitter && event.submitter === form.querySelector("button[type=submit]") &&
          document.activeElement === input) {
        action = mode;
      }
      send({
        url: action === "out" ? form.dataset.outUrl : form.dataset.inUrl,
        body: { volunteer_code: code, idempotency_key: uuid() }
      });
    });
    retry.addEventListener("click", function () { if (pending) { send(pending); } });
  }

  /* --- the code screen ------------------------------------------------------------------- */
  function fullscreen(button) {
    button.addEventListener("click", function () {
      var el = document.documentElement;
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (el.requestFullscreen) { el.requestFullscreen(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("checkin-panel");
    if (panel) { phone(panel); }
    var form = document.getElementById("kiosk-form");
    if (form) { kiosk(form); }
    document.querySelectorAll("[data-fullscreen]").forEach(fullscreen);
  });
})();
