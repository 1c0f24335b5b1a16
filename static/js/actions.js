// The page's small behaviours, asked for with data attributes. The Content-Security-Policy
// forbids inline scripts and on…="" handlers (docs/security.md), so templates say what they
// want and this file, loaded on every page, does it:
//   <select data-autosubmit>            submits its form when the choice changes
//   <select data-navigate>              opens the chosen option's value (a URL)
//   <form data-confirm="Question?">     asks before sending the form
//   <button type="button" data-print>   prints the page
"use strict";

document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  } else if (field.matches("select[data-navigate]") && field.value) {
    window.location.assign(field.value);
  }
});

document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
