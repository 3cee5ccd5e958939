/* jikgu embed, host side. Put this on the article page once; it keeps every
 * <iframe data-jikgu src=".../?embed&childId=NAME"> as tall as the calculator inside it.
 * It reads the Pym.js and AMP height messages jikgu posts, and only from the iframes it sizes.
 * To set the embed's language or theme from the page:
 *   iframe.contentWindow.postMessage({ jikgu: { lang: "ko", theme: "dark" } }, "*");
 */
(function () {
  "use strict";
  function heightOf(data) {
    if (typeof data === "string" && data.indexOf("pymxPYMx") === 0) {
      var parts = data.split("xPYMx");
      return parts[2] === "height" ? Number(parts[3]) : NaN;
    }
    if (data && data.sentinel === "amp" && data.type === "embed-size") return Number(data.height);
    return NaN;
  }
  window.addEventListener("message", function (event) {
    var height = heightOf(event.data);
    if (!(height > 0 && height < 100000)) return;
    var frames = document.querySelectorAll("iframe[data-jikgu]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
      }
    }
  });
})();
