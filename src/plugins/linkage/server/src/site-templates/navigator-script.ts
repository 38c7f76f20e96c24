// The navigator form's script (/sites/assets/navigator.js): asks a unit question's next level without
// a page load. Choosing a unit above the answer's level (an option marked data-next) fetches the route
// page those answers lead to (a cacheable GET, the same page the form would load without JavaScript)
// and puts its fieldset for the question in place of this one. Anything unexpected submits the form.
export const NAVIGATOR_SCRIPT = `(function () {
  'use strict';
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.form) return;
    var fieldset = select.closest('[data-unit-question]');
    var option = select.selectedOptions[0];
    if (!fieldset || !option || !option.hasAttribute('data-next')) return;
    var form = select.form;
    var key = fieldset.getAttribute('data-unit-question');
    var query = new URLSearchParams(new FormData(form)).toString();
    fieldset.setAttribute('aria-busy', 'true');
    fetch(form.action + (form.action.indexOf('?') < 0 ? '?' : '&') + query, { headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, 'text/html').querySelectorAll('[data-unit-question]');
        var next = Array.prototype.filter.call(found, function (f) { return f.getAttribute('data-unit-question') === key; })[0];
        if (!next) throw new Error('no question ' + key);
        var adopted = document.importNode(next, true);
        fieldset.replaceWith(adopted);
        var asked = adopted.querySelector('select');
        if (asked) asked.focus();
      })
      .catch(function () {
        form.submit();
      });
  });
})();
`;
