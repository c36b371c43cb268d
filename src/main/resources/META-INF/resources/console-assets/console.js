// Qorgau console: the pages work without JavaScript. This only shows an import's upload progress: the form is sent
// with XMLHttpRequest (whose upload reports progress) and the answer's page replaces this one's content.
(function () {
  "use strict";
  if (!window.XMLHttpRequest || !window.FormData) {
    return;
  }

  function enhance() {
    var form = document.getElementById("import-form");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form);
      });
    }
  }

  function send(form) {
    var box = form.querySelector(".upload-progress");
    var bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    form.querySelector("button[type=submit]").disabled = true;
    box.hidden = false;
    bar.value = 0;
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.responseType = "document";
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.floor((e.loaded * 100) / e.total);
        bar.value = percent;
        status.textContent = status.dataset.uploaded + ": " + percent + " %";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.value = 100;
      status.textContent = status.dataset.checking;
    });
    request.addEventListener("load", function () {
      var answer = request.response;
      var main = answer && answer.querySelector("main");
      if (!main) {
        // not a console page (e.g. the body was too large): let the browser show the answer itself
        form.submit();
        return;
      }
      document.title = answer.title;
      document.querySelector("main").replaceWith(document.adoptNode(main));
      main.focus();
      enhance();
    });
    request.addEventListener("error", function () {
      form.submit();
    });
    request.send(new FormData(form));
  }

  enhance();
})();
