/* Inputs that fit (issue 14, part 7): the widgets of union/widgets.py, made friendlier.
 *
 *   <input data-datepicker>       a date typed as dd/mm/yyyy; a button beside it opens a
 *                                 calendar (flatpickr) that writes the day picked, in the
 *                                 same form, whatever the browser's language
 *   <select data-search="URL">    a choice of members searched as one types (Tom Select),
 *                                 the results from URL?q=… (the union's member search)
 *
 * Without this script the fields still work: a date is typed, a select lists the members
 * already chosen. What is typed into a date field is never rewritten here: the server reads
 * it and says if it is not a date, with the text kept.
 *
 * The texts come from this script's own tag (data-*), in the page's language.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var TEXT = (script && script.dataset) || {};
  var VIETNAMESE = (document.documentElement.lang || "vi").indexOf("vi") === 0;

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(day) {
    return pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + day.getFullYear();
  }

  /* The day in dd/mm/yyyy (or d-m-yyyy, d.m.yyyy) or yyyy-mm-dd; null when it is none. */
  function parse(text) {
    var parts = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text || "");
    var iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text || "");
    var year, month, date;
    if (parts) {
      date = +parts[1]; month = +parts[2]; year = +parts[3];
    } else if (iso) {
      year = +iso[1]; month = +iso[2]; date = +iso[3];
    } else {
      return null;
    }
    var day = new Date(year, month - 1, date);
    // 31/02 would roll over into March: not a day at all.
    return day.getMonth() === month - 1 && day.getDate() === date ? day : null;
  }

  var CALENDAR_ICON = '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" ' +
    'fill="currentColor" viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 0a.5.5 0 0 ' +
    "1 .5.5V1h8V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V3a2 " +
    "2 0 0 1 2-2h1V.5a.5.5 0 0 1 .5-.5M1 4v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V4z\"/></svg>";

  function datePicker(input) {
    if (input.dataset.datepickerReady || typeof window.flatpickr !== "function") {
      return;
    }
    input.dataset.datepickerReady = "1";
    var group = document.createElement("div");
    group.className = "input-group date-input";
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary date-input-button";
    button.setAttribute("aria-label", TEXT.pickDate || "Chọn ngày trên lịch");
    button.title = button.getAttribute("aria-label");
    button.innerHTML = CALENDAR_ICON;
    button.disabled = input.disabled || input.readOnly;
    group.appendChild(button);

    // The calendar keeps its day in an input of its own, nameless (never sent) and hidden:
    // the typed text is the field's own, and flatpickr would rewrite it.
    var own = document.createElement("input");
    own.hidden = true;
    own.tabIndex = -1;
    own.setAttribute("aria-hidden", "true");
    group.appendChild(own);
    var calendar = window.flatpickr(own, {
      clickOpens: false,
      disableMobile: true,
      positionElement: input,
      locale: VIETNAMESE && window.flatpickr.l10ns.vn ? window.flatpickr.l10ns.vn : "default",
      onReady: function (days, text, instance) {
        // The calendar's month select and year field, named for screen readers.
        var month = instance.monthsDropdownContainer;
        if (month) {
          month.setAttribute("aria-label", TEXT.month || "Tháng");
        }
        if (instance.currentYearElement) {
          instance.currentYearElement.setAttribute("aria-label", TEXT.year || "Năm");
        }
      },
      onChange: function (days, text, instance) {
        if (!days.length) {
          return;
        }
        input.value = format(days[0]);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
        instance.close();
        input.focus();
      },
    });
    button.addEventListener("click", function () {
      var day = parse(input.value);
      calendar.setDate(day || [], false);
      if (!day) {
        calendar.jumpToDate(new Date());
      }
      calendar.open();
    });
  }

  function fold(text) {
    return (text || "").toLowerCase().replace(/đ/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function memberSearch(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") {
      return;
    }
    var url = new URL(select.dataset.search, window.location.href);
    // A select's empty choice ("Tất cả" in a filter, Django's "---------") is no person: it
    // becomes the placeholder, and a button clears the choice back to it.
    var empty = select.querySelector("option[value='']");
    var emptyText = empty && !/^-+$/.test(empty.textContent.trim()) ? empty.textContent : "";
    var plugins = [];
    if (select.multiple) {
      plugins.push("remove_button");
    } else if (!select.required) {
      plugins.push({ name: "clear_button", options: { title: TEXT.clear || "" } });
    }
    new window.TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      allowEmptyOption: false,
      preload: "focus",
      maxOptions: null,
      placeholder: emptyText || TEXT.searchPlaceholder || "",
      plugins: plugins,
      // The server searched already (without accents, as here): keep what it found.
      score: function (search) {
        var wanted = fold(search.trim());
        return function (item) {
          return fold(item.text).indexOf(wanted) >= 0 ? 1 : 0;
        };
      },
      load: function (query, callback) {
        var self = this;
        url.searchParams.set("q", query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(response.status);
            }
            return response.json();
          })
          .then(function (data) {
            self.clearOptions();
            callback(data.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        option: function (item, escape) {
          var group = item.group ? '<div class="small text-body-secondary">' +
            escape(item.group) + "</div>" : "";
          return "<div>" + escape(item.text) + group + "</div>";
        },
        item: function (item, escape) {
          return "<div>" + escape(item.text) + "</div>";
        },
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(TEXT.noResults || "—") + "</div>";
        },
        loading: function (data, escape) {
          return '<div class="spinner-border spinner-border-sm m-2" role="status">' +
            '<span class="visually-hidden">' + escape(TEXT.loading || "…") + "</span></div>";
        },
      },
    });
    // The field's label now names Tom Select's search box; the select it fills stays in
    // the form, out of reach (tabindex -1) and out of what a screen reader reads.
    select.setAttribute("aria-hidden", "true");
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("input[data-datepicker]"), datePicker);
    Array.prototype.forEach.call(root.querySelectorAll("select[data-search]"), memberSearch);
  }

  enhance(document);
  // Parts of a page that htmx swaps in get the same.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
}());
