// The videos of templates/blocks/video-block.html: their player, from the video's site, is
// loaded only when the visitor presses the button. Without this script, the link to the video
// stays. A module: run once, however many videos the page has.
for (const figure of document.querySelectorAll("[data-video-player]")) {
  const button = figure.querySelector("[data-video-load]");
  button.hidden = false;
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.src = figure.dataset.videoPlayer;
    frame.title = figure.dataset.videoTitle;
    frame.allow = "fullscreen; picture-in-picture";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video__player";
    figure.querySelector(".video__frame").replaceWith(frame); // the caption and its link stay
    frame.focus();
  });
}
