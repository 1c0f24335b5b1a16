// The monthly check on a phone (templates/plans/check_detail.html):
//   <div data-stepper="0.5"> … <button data-step-down> <input> <button data-step-up>
//       − and + move the number by the step, within the box's min and max;
//   <form data-live-score data-scheme="nd335" …>  each member's score (in [data-score]) is
//       worked out again as the leader types, by the rules of plans/scoring.py. The server
//       stays the authority: saving the check computes and stores the score itself.
"use strict";

(() => {
  const form = document.querySelector("form[data-live-score]");
  if (!form) {
    return;
  }
  const rules = form.dataset;

  // Steppers

  const decimals = (text) => (String(text).split(".")[1] || "").length;

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-step-up], [data-step-down]");
    const stepper = button && button.closest("[data-stepper]");
    if (!stepper) {
      return;
    }
    const box = stepper.querySelector("input");
    const step = Number(stepper.dataset.stepper) || 1;
    const places = Math.max(decimals(stepper.dataset.stepper), decimals(box.value));
    let value = (Number(String(box.value).replace(",", ".")) || 0) +
      (button.hasAttribute("data-step-up") ? step : -step);
    if (box.min !== "") {
      value = Math.max(value, Number(box.min));
    }
    if (box.max !== "") {
      value = Math.min(value, Number(box.max));
    }
    box.value = value === 0 && box.placeholder === "0" ? "" : value.toFixed(places);
    // What typing would send: forms.js then knows the form changed, the score follows.
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.dispatchEvent(new Event("change", { bubbles: true }));
  });

  // The score, as plans/scoring.py computes it

  const number = (field) => {
    const value = Number(String(field ? field.value : "").replace(",", "."));
    return Number.isFinite(value) ? value : 0;
  };
  const inside = (element, suffix) => element.querySelector(`[name$="-${suffix}"]`);
  // Half up to the cent, as round_score (the small nudge gives thirds of 70 their half).
  const cents = (value) => Math.round((value + 1e-9) * 100) / 100;
  const shown = (value) => {
    const text = value.toFixed(2).replace(/\.?0+$/, "");
    const [whole, fraction] = text.split(".");
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (fraction ? "," + fraction : "");
  };

  function lost(part, percent, times) {
    return Math.min(part, (part * percent) / 100 * times);
  }

  function nd335(entry) {
    let general = 30;
    entry.querySelectorAll('[name$="_deduction"]').forEach((box) => {
      general -= number(box);
    });
    const items = Array.from(entry.querySelectorAll("[data-share]"));
    const total = items.reduce((sum, item) => sum + Number(item.dataset.share), 0);
    if (!total) {
      return null;
    }
    let tasks = 0;
    items.forEach((item) => {
      const part = (70 / 3) * Number(item.dataset.share) / total;
      const done = inside(item, "done");
      if (done && !done.checked) {
        return;
      }
      const exempt = (inside(item, "objective_cause") || {}).checked;
      tasks += 3 * part;
      if (!exempt) {
        tasks -= lost(part, Number(rules.qualityPenalty), number(inside(item, "failed_checks")));
        tasks -= lost(part, Number(rules.delayPenalty), number(inside(item, "delays")));
      }
    });
    return general + cents(tasks);
  }

  function simple(entry) {
    const assigned = number(inside(entry, "assigned"));
    if (!assigned) {
      return null;
    }
    const done = number(inside(entry, "done"));
    const share = done / assigned;
    const perProduct = 1 / assigned;
    const failed = done - number(inside(entry, "quality_passed"));
    const late = done - number(inside(entry, "on_time"));
    const quantity = Number(rules.quantityWeight) * share;
    const quality = Number(rules.qualityWeight) *
      (share - perProduct * failed * Number(rules.qualityPenalty) / 100);
    const timeliness = Number(rules.timelinessWeight) *
      (share - perProduct * late * Number(rules.delayPenalty) / 100);
    return cents(quantity) + cents(quality) + cents(timeliness);
  }

  function band(score) {
    const lowest = [90, 70, 50, 0].find((floor) => score >= floor);
    return form.getAttribute(`data-band-${lowest}`);
  }

  function rescore(entry) {
    const score = rules.scheme === "nd335" ? nd335(entry) : simple(entry);
    const figure = entry.querySelector("[data-score]");
    const label = entry.querySelector("[data-band]");
    if (rules.scheme === "nd335") {
      figure.textContent = score === null ? rules.unscored
        : rules.points.replace("__", shown(cents(score)));
    } else {
      figure.textContent = score === null ? "—" : shown(cents(score));
    }
    if (label) {
      label.textContent = score === null ? "" : ` · ${band(cents(score))}`;
    }
    figure.closest(".check-score").classList.add("is-changed");
  }

  form.addEventListener("input", (event) => {
    const entry = event.target.closest("[data-entry]");
    if (entry) {
      rescore(entry);
    }
  });
  form.addEventListener("change", (event) => {
    const entry = event.target.closest("[data-entry]");
    if (entry && event.target.type === "checkbox") {
      rescore(entry);
    }
  });
})();
