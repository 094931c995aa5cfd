// Keyboard navigation and the few things htmx cannot do. Plain JS, no dependencies.
//   j / k    next / previous claim (article page) or row (article list)
//   Enter    open the claim's chain (native: the claim is a link) or the row's article
//   Esc      close the chain panel
//   x        select the current row of the review queue (for a bulk action)
//   /        focus the search box
// and, for corrections, turns a text selection in the article into a span (start / end offsets).
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable=true]") !== null;
  }

  function claimLinks() {
    return Array.from(document.querySelectorAll("#article-text a.claim-link"));
  }

  function rows() {
    return Array.from(document.querySelectorAll("table[data-rows] tbody tr")).filter(function (row) {
      return row.querySelector("a");
    });
  }

  function move(step) {
    var links = claimLinks();
    if (links.length) {
      var index = links.indexOf(document.activeElement);
      if (index === -1) {
        var open = document.querySelector("#article-text mark.is-open a.claim-link");
        index = open ? links.indexOf(open) : (step > 0 ? -1 : links.length);
      }
      var next = links[Math.max(0, Math.min(links.length - 1, index + step))];
      next.focus();
      next.scrollIntoView({ block: "nearest" });
      return;
    }
    var list = rows();
    if (!list.length) return;
    var current = list.findIndex(function (row) { return row.classList.contains("is-current"); });
    var target = list[Math.max(0, Math.min(list.length - 1, (current === -1 ? (step > 0 ? -1 : list.length) : current) + step))];
    list.forEach(function (row) { row.classList.remove("is-current"); });
    target.classList.add("is-current");
    var link = target.querySelector("a");
    link.focus();
    target.scrollIntoView({ block: "nearest" });
  }

  // Reflect the open claim in the text: outline its mark, highlight where each hop is named.
  function syncOpenClaim() {
    var panel = document.querySelector("#chain-panel .chain-panel");
    var claimId = panel ? panel.getAttribute("data-claim") : null;
    var mentions = panel ? (panel.getAttribute("data-mentions") || "").trim().split(/\s+/) : [];
    // On a narrow screen an open chain is a sheet over the text (app.css: #chain-panel.is-open).
    var side = document.getElementById("chain-panel");
    if (side) {
      side.classList.toggle("is-open", claimId !== null);
      if (claimId !== syncOpenClaim.shown) side.scrollTop = 0;  // a new claim's chain starts at its head
      syncOpenClaim.shown = claimId;
    }
    document.querySelectorAll("#article-text mark.claim").forEach(function (mark) {
      var isOpen = claimId !== null && mark.id === "claim-" + claimId;
      mark.classList.toggle("is-open", isOpen);
      if (isOpen && panel.getAttribute("data-badge")) {
        // A flag or verdict just recorded in the panel shows on the claim in the text too.
        mark.setAttribute("data-badge", panel.getAttribute("data-badge"));
        mark.classList.toggle("is-flagged", panel.getAttribute("data-flagged") === "true");
      }
      var link = mark.querySelector("a.claim-link");
      if (link) {
        if (isOpen) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
      }
    });
    document.querySelectorAll("#article-text .source-mention").forEach(function (span) {
      span.classList.toggle("is-hop-mention", mentions.indexOf(span.getAttribute("data-span")) !== -1);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      move(event.key === "j" ? 1 : -1);
    } else if (event.key === "Escape") {
      var close = document.querySelector("#chain-panel .close");
      if (close) { event.preventDefault(); close.click(); }
    } else if (event.key === "x") {
      // Select the current row of a queue for a bulk action.
      var row = document.querySelector("table[data-rows] tbody tr.is-current") ||
        (document.activeElement && document.activeElement.closest("table[data-rows] tbody tr"));
      var box = row ? row.querySelector("input[type=checkbox]") : null;
      if (box) { event.preventDefault(); box.checked = !box.checked; }
    } else if (event.key === "/") {
      var search = document.querySelector("[data-shortcut='/']");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    }
  });

  // htmx keeps a page for Back as HTML, which holds each control's default, not what the person
  // chose since. Once a filter's URL is pushed, make the chosen values the defaults, so the copy
  // htmx takes before the next filter change shows this filter when the person comes back to it.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll('form[hx-push-url="true"] :is(input, select, textarea)').forEach(function (control) {
      if (control.type === "checkbox" || control.type === "radio") control.defaultChecked = control.checked;
      else if (control.tagName === "SELECT") {
        Array.from(control.options).forEach(function (option) { option.defaultSelected = option.selected; });
      } else control.defaultValue = control.value;
    });
  });

  // Corrections: a text selection inside the article becomes a span. Offsets count characters of
  // the article's text as stored (Python code points), so they are measured on the text nodes only
  // (the claim marks, cue and source spans are markup; the depth badges are CSS, not text) and
  // astral characters, two UTF-16 units in JavaScript, count once.
  function codePoints(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      count++;
    }
    return count;
  }

  function offsetIn(root, node, offset) {
    var before = document.createRange();
    before.selectNodeContents(root);
    before.setEnd(node, offset);
    return codePoints(before.toString());
  }

  // The last selection made in the article, kept for a form that appears after it (Add a claim).
  var lastSpan = null;

  function selectionSpan() {
    var root = document.getElementById("article-text");
    var selection = window.getSelection();
    if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    var text = range.toString();
    if (!text.trim()) return null;
    return { start: offsetIn(root, range.startContainer, range.startOffset),
             end: offsetIn(root, range.endContainer, range.endOffset), text: text };
  }

  function fillSelectionForms(span) {
    document.querySelectorAll("#chain-panel form[data-selection]").forEach(function (form) {
      form.elements.span_start.value = span.start;
      form.elements.span_end.value = span.end;
      form.elements.quote.value = span.text;
    });
  }

  function takeSelection() {
    var span = selectionSpan();
    if (!span) return;
    lastSpan = span;
    fillSelectionForms(span);
  }

  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("#article-text")) setTimeout(takeSelection, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") takeSelection();
  });
  // Words typed by hand are looked up in the article: offsets from an earlier selection no longer apply.
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (event.target.name === "quote" && form && form.hasAttribute("data-selection")) {
      form.elements.span_start.value = "";
      form.elements.span_end.value = "";
      lastSpan = null;
    }
  });
  // Text selected before "Add a claim" was pressed fills the form that press brings in.
  document.addEventListener("htmx:afterSettle", function () {
    var form = document.querySelector("#chain-panel .add-claim form[data-selection]");
    if (form && lastSpan && !form.elements.quote.value) fillSelectionForms(lastSpan);
  });
  // Selecting words inside a claim must not open that claim (the press ends on its link).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#article-text a.claim-link");
    var selection = window.getSelection();
    if (link && selection && !selection.isCollapsed && selection.toString().trim()) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  document.addEventListener("DOMContentLoaded", syncOpenClaim);
  document.addEventListener("htmx:afterSettle", syncOpenClaim);

  // A long article's claims are marked a section of text at a time (article_detail.html#text_section),
  // the rest plain text until it scrolls into view. A claim the address names (#claim-N), or one
  // opened from the claims table, whose section is not marked yet, has it fetched, then is shown.
  function revealClaim(claimId) {
    if (!claimId || document.getElementById("claim-" + claimId) || !window.htmx) return;
    var section = document.querySelector('#article-text .text-section.is-plain[data-claim-ids~="' + claimId + '"]');
    if (!section) return;
    revealClaim.pending = claimId;
    window.htmx.trigger(section, "loadSection");
  }
  function revealFromAddress() {
    var match = /^#claim-(\d+)$/.exec(location.hash);
    if (match) revealClaim(match[1]);
  }
  document.addEventListener("DOMContentLoaded", revealFromAddress);
  window.addEventListener("hashchange", revealFromAddress);
  document.addEventListener("htmx:afterSettle", function () {
    var pending = revealClaim.pending && document.getElementById("claim-" + revealClaim.pending);
    if (pending) {
      revealClaim.pending = null;
      pending.scrollIntoView({ block: "center" });
    }
    var panel = document.querySelector("#chain-panel .chain-panel");
    if (panel) revealClaim(panel.getAttribute("data-claim"));
  });
  window.addEventListener("popstate", function () { setTimeout(syncOpenClaim, 0); });

  // The page's one status region (role=status, polite) stays in the page, empty when idle: a
  // region that appears with its text is not reliably announced. Cleared first so that the same
  // sentence twice is read twice.
  function say(text) {
    var box = document.getElementById("status-message");
    if (!box) return;
    box.textContent = "";
    box.classList.remove("is-shown");
    setTimeout(function () {
      box.textContent = text;
      box.classList.add("is-shown");
    }, 50);
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { box.classList.remove("is-shown"); box.textContent = ""; }, 6000);
  }

  // The server names what an action did in HX-Trigger: {"announce": {"message": "Flag recorded."}}.
  document.addEventListener("announce", function (event) {
    if (event.detail && event.detail.message) say(event.detail.message);
  });

  // A form in the chain panel is replaced by the server's fresh panel: put keyboard focus back on
  // the same control (by id, else the same form's field or button), else on the nearest part of
  // the panel that is still there, instead of leaving it on <body>.
  var focusMemo = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    var panel = document.getElementById("chain-panel");
    if (!panel || !form || form.tagName !== "FORM" || !panel.contains(form)) { focusMemo = null; return; }
    var active = document.activeElement && form.contains(document.activeElement) ? document.activeElement : null;
    var ancestors = [];
    for (var node = form; node && node !== panel; node = node.parentElement) { if (node.id) ancestors.push(node.id); }
    focusMemo = {
      id: active && active.id ? active.id : "",
      action: form.getAttribute("hx-post") || "",
      name: active ? active.getAttribute("name") || "" : "",
      button: !active || active.tagName === "BUTTON",
      ancestors: ancestors
    };
  });
  function focusBack() {
    var memo = focusMemo;
    var panel = document.getElementById("chain-panel");
    focusMemo = null;
    if (!memo || !panel) return;
    // The server chose where focus goes (the chain editor's notice of what a correction did).
    if (panel.querySelector("[autofocus]")) return;
    var target = memo.id ? document.getElementById(memo.id) : null;
    if (!target && memo.action) {
      var form = Array.from(panel.querySelectorAll("form")).find(function (candidate) {
        return candidate.getAttribute("hx-post") === memo.action;
      });
      if (form) {
        // A form the server sent back with an error: the error's field first.
        target = form.querySelector("[aria-invalid=true]") ||
          (memo.button ? form.querySelector("button[type=submit]") : form.querySelector('[name="' + memo.name + '"]')) ||
          form.querySelector("button[type=submit]");
        var details = form.closest("details");
        if (details) details.open = true;
      }
    }
    for (var i = 0; !target && i < memo.ancestors.length; i++) target = document.getElementById(memo.ancestors[i]);
    if (!target) target = panel.querySelector("h2, h3") || panel;
    if (!target.matches("a[href], button, input, select, textarea, summary, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (focusMemo && event.detail.target && event.detail.target.id === "chain-panel") focusBack();
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status === 403) say("You do not have permission to do that.");
    else if (status === 404) say("Not found: it may have been replaced by a re-analysis. Reload the page.");
    else say("The server could not do that (" + status + "). Try again, or reload the page.");
  });
  document.addEventListener("htmx:sendError", function () {
    say("The server cannot be reached. Check your connection; nothing was lost.");
  });
})();
