// "Use my location": fill the order form's latitude and longitude from the browser.
(function () {
  var button = document.querySelector("[data-testid='use-location']");
  if (!button) return;
  var status = document.querySelector("[data-testid='location-status']");
  button.addEventListener("click", function () {
    if (!navigator.geolocation) {
      status.textContent = button.dataset.unavailable;
      return;
    }
    status.textContent = button.dataset.working;
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        document.querySelector("[name='latitude']").value = pos.coords.latitude.toFixed(6);
        document.querySelector("[name='longitude']").value = pos.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done;
      },
      function () {
        status.textContent = button.dataset.unavailable;
      },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });
})();
