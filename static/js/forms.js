/* Nothing typed is lost (issue 14, part 3).
 *
 * 1. Leaving a page whose form has unsaved changes asks first (beforeunload), unless the
 *    page is being left by submitting that form.
 * 2. While a form is being changed, what differs from the page as served is kept in the
 *    tab's sessionStorage, keyed by the page's path, with the user it belongs to. A page
 *    that did not take the form (the login page after the session expired, the CSRF page,
 *    an error page: they carry [data-keep-drafts]) marks the drafts "interrupted"; when the
 *    same user opens the same page again, the form comes back filled, with a notice. Any
 *    other page that follows a submit (the save went through, or the server showed the
 *    form again with its own errors) forgets the draft.
 *
 * A form the server sent back with errors counts as unsaved from the start.
 *
 * Forms are tracked when they are POST forms with a field a person types or picks, and not
 * marked [data-no-draft]. Passwords, files and hidden fields are never kept; hidden "-id"
 * fields (a formset's rows) must match for a draft to be put back.
 *
 * The script reads its settings from its own tag: data-user (the user's id) and
 * data-restored (the notice, in the page's language). No inline script is needed.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var USER = (script && script.dataset.user) || "";
  var RESTORED = (script && script.dataset.restored) || "";
  var PREFIX = "draft:";
  var MAX_AGE_MS = 12 * 60 * 60 * 1000;  // the session's length (SESSION_COOKIE_AGE)
  var SKIPPED = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  var dirty = [];
  var leaving = null;  // the form whose submit is unloading the page

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;  // storage switched off: the warning on leaving still works
    }
  }

  function typed(element) {
    if (!element.name || element.disabled) {
      return false;
    }
    if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") {
      return true;
    }
    return element.tagName === "INPUT" && SKIPPED.indexOf(element.type) < 0;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, typed);
  }

  function tracked(form) {
    return Boolean(form) && form.tagName === "FORM" &&
      (form.getAttribute("method") || "").toLowerCase() === "post" &&
      !form.hasAttribute("data-no-draft") && fields(form).length > 0;
  }

  function trackedForms() {
    return Array.prototype.filter.call(document.forms, tracked);
  }

  function keyOf(form) {
    var name = form.id || String(trackedForms().indexOf(form));
    return PREFIX + window.location.pathname + "#" + name;
  }

  function read(key) {
    var store = storage();
    try {
      return store ? JSON.parse(store.getItem(key)) : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, draft) {
    var store = storage();
    try {
      if (store) {
        store.setItem(key, JSON.stringify(draft));
      }
    } catch (error) {
      // Full or refused: the page still warns before it is left.
    }
  }

  function forget(key) {
    var store = storage();
    if (store) {
      store.removeItem(key);
    }
  }

  function draftKeys() {
    var store = storage();
    var keys = [];
    if (!store) {
      return keys;
    }
    for (var i = 0; i < store.length; i += 1) {
      if (store.key(i).indexOf(PREFIX) === 0) {
        keys.push(store.key(i));
      }
    }
    return keys;
  }

  function selected(select, defaults) {
    return Array.prototype.filter.call(select.options, function (option) {
      return defaults ? option.defaultSelected : option.selected;
    }).map(function (option) { return option.value; });
  }

  /* What differs from the page as it was served: [name, value, checked] triples. */
  function changes(form) {
    var found = [];
    fields(form).forEach(function (element) {
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked !== element.defaultChecked) {
          found.push([element.name, element.value, element.checked]);
        }
      } else if (element.tagName === "SELECT") {
        var now = selected(element, false);
        if (now.join("\n") !== selected(element, true).join("\n")) {
          found.push([element.name, now, true]);
        }
      } else if (element.value !== element.defaultValue) {
        found.push([element.name, element.value, true]);
      }
    });
    return found;
  }

  /* The formset rows the draft was typed into: their hidden "-id" fields. */
  function rows(form) {
    var ids = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.type === "hidden" && /-id$/.test(element.name)) {
        ids[element.name] = element.value;
      }
    });
    return ids;
  }

  function sameRows(saved, now) {
    var names = Object.keys(saved || {});
    return names.length === Object.keys(now).length && names.every(function (name) {
      return saved[name] === now[name];
    });
  }

  function markDirty(form, isDirty) {
    var at = dirty.indexOf(form);
    if (isDirty && at < 0) {
      dirty.push(form);
    } else if (!isDirty && at >= 0) {
      dirty.splice(at, 1);
    }
  }

  function keep(form, state) {
    var found = changes(form);
    markDirty(form, found.length > 0);
    if (!found.length) {
      forget(keyOf(form));
      return;
    }
    write(keyOf(form), {
      user: USER, state: state, at: Date.now(), fields: found, rows: rows(form),
    });
  }

  function put(form, draft) {
    draft.fields.forEach(function (change) {
      var name = change[0], value = change[1], checked = change[2];
      Array.prototype.forEach.call(form.elements, function (element) {
        if (element.name !== name || !typed(element)) {
          return;
        }
        if (element.type === "checkbox" || element.type === "radio") {
          if (element.value === value) {
            element.checked = checked;
          }
        } else if (element.tagName === "SELECT") {
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = value.indexOf(option.value) >= 0;
          });
        } else {
          element.value = value;
        }
      });
    });
  }

  function notice(form) {
    if (!RESTORED) {
      return;
    }
    var box = document.createElement("div");
    box.className = "alert alert-info";
    box.setAttribute("role", "status");
    box.setAttribute("data-draft-restored", "");
    box.textContent = RESTORED;
    form.parentNode.insertBefore(box, form);
  }

  function restore(form, draft) {
    if (!sameRows(draft.rows, rows(form))) {
      return false;
    }
    put(form, draft);
    notice(form);
    keep(form, "typing");
    return true;
  }

  /* A form the server sent back refused (its errors, or the newer values beside the typed
     ones) holds what is not saved yet, though the page shows it as served. */
  var REFUSED = "[data-unsaved], .is-invalid, .invalid-feedback, .alert-danger, .newer-value";

  /* On every page: a page that did not take the form keeps the drafts for later; a page
     with the draft's form puts it back for its own user; any other page forgets what was
     submitted or left. */
  function settle() {
    var keepAll = document.querySelector("[data-keep-drafts]") !== null;
    var forms = {};
    trackedForms().forEach(function (form) {
      forms[keyOf(form)] = form;
    });
    trackedForms().forEach(function (form) {
      if (form.querySelector(REFUSED)) {
        markDirty(form, true);
      }
    });
    var kept = 0;
    draftKeys().forEach(function (key) {
      var draft = read(key);
      if (!draft || !draft.fields || Date.now() - draft.at > MAX_AGE_MS) {
        forget(key);
      } else if (keepAll) {
        draft.state = "interrupted";
        write(key, draft);
        kept += 1;
      } else if (draft.state === "interrupted") {
        if (forms[key] && draft.user === USER && USER && !restore(forms[key], draft)) {
          forget(key);
        }
      } else {
        forget(key);
      }
    });
    if (keepAll && kept) {
      Array.prototype.forEach.call(
        document.querySelectorAll("[data-keep-drafts][hidden]"),
        function (element) { element.hidden = false; });
    }
  }

  function onChange(event) {
    var form = event.target.form;
    if (tracked(form)) {
      keep(form, "typing");
    }
  }

  document.addEventListener("input", onChange);
  document.addEventListener("change", onChange);

  // On window, after the form's own handlers: a submit they cancelled leaves nothing.
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) {
      return;
    }
    if (form.hasAttribute("data-drafts-clear")) {
      draftKeys().forEach(forget);  // logging out on purpose: nothing is kept for later
      return;
    }
    leaving = form;
    if (tracked(form)) {
      keep(form, "sent");
    }
  });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = dirty.some(function (form) { return form !== leaving; });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";  // older browsers ask only when this is set
    }
  });

  // Back from the browser's cache the page is the same one: nothing is being left.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      leaving = null;
    }
  });

  settle();
}());
