// Completion of the commune: the communes of the chosen département fill the datalist.
// A file, not an inline script: the Content-Security-Policy allows scripts of the site only.
(function () {
  var list = document.getElementById("communes-liste");
  var dep = list && document.getElementById(list.getAttribute("data-departement"));
  if (!dep || !window.fetch) { return; }
  dep.addEventListener("change", function () {
    list.innerHTML = "";
    if (!dep.value) { return; }
    fetch(list.getAttribute("data-source").replace("XX", encodeURIComponent(dep.value)))
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rows) {
        rows.forEach(function (row) {
          var option = document.createElement("option");
          option.value = row.label;
          list.appendChild(option);
        });
      });
  });
})();
