// "Copier" buttons (data-copy: the id of the field to copy): hidden without
// JavaScript, where the field can be selected and copied by hand.
(function () {
  "use strict";

  function setUp(button) {
    var field = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      var done = function () {
        if (status) {
          status.textContent = button.dataset.copied;
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          // Refused (permissions): the text stays selected, ready for Ctrl-C.
          field.focus();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(setUp);
  });
})();
