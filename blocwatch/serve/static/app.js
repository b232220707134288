// blocwatch dashboard: small progressive enhancements; every page works without this file.
"use strict";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function renderSentence(event) {
  // The server cut the sentence at the highlight offsets; text goes in with textContent only.
  const p = el("p", { class: "sentence-view", id: "detail-sentence" });
  for (const seg of event.segments) {
    p.appendChild(seg.kind ? el("mark", { class: seg.kind, title: seg.kind }, seg.text)
                           : document.createTextNode(seg.text));
  }
  return p;
}

function actorText(actor) {
  if (!actor) return "—";
  return `${actor.text} → ${actor.code || "?"}/${actor.sector || "?"}`;
}

function renderDetail(event) {
  const body = document.getElementById("detail-body");
  body.replaceChildren();
  const title = `${event.source.code || event.source.text} ${event.type} ` +
                `${event.target ? (event.target.code || event.target.text) : ""}`;
  body.appendChild(el("h2", {}, title));
  body.appendChild(renderSentence(event));
  const legend = el("p", { class: "legend-bar" });
  for (const kind of ["source", "trigger", "target"]) {
    legend.appendChild(el("mark", { class: kind }, kind));
    legend.appendChild(document.createTextNode(" "));
  }
  body.appendChild(legend);
  const doc = event.document;
  const rows = [
    ["date", event.date || "unknown"],
    ["document", `${doc.title || doc.doc_id} (${doc.doc_id})`],
    ["sentence", `#${event.sentence_index}, characters ${event.span[0]}–${event.span[1]}`],
    ["source", actorText(event.source)],
    ["target", actorText(event.target)],
    ["code", `${event.type}${event.mode ? " (" + event.mode + ")" : ""}, CAMEO ${event.cameo}, ` +
             `Goldstein ${event.goldstein}`],
    ["confidence", event.confidence],
  ];
  const table = el("table", { class: "facts" });
  for (const [key, value] of rows) {
    const tr = el("tr");
    tr.appendChild(el("th", {}, key));
    tr.appendChild(el("td", {}, value));
    table.appendChild(tr);
  }
  body.appendChild(table);
  const more = el("p");
  more.appendChild(el("a", { href: `/events/${event.event_id}` }, "Permalink"));
  if (doc.url) {
    more.appendChild(document.createTextNode(" · "));
    more.appendChild(el("a", { href: doc.url, rel: "noreferrer nofollow" }, "source article"));
  }
  body.appendChild(more);
}

async function openEvent(row) {
  const panel = document.getElementById("detail");
  document.querySelectorAll("tr.event-row.selected").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  const id = row.dataset.eventId;
  try {
    const response = await fetch(`/api/events/${encodeURIComponent(id)}`);
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    renderDetail(data);
  } catch (err) {
    document.getElementById("detail-body").replaceChildren(el("p", { class: "error" }, err.message));
  }
  panel.hidden = false;
}

function setUpEvents() {
  const table = document.getElementById("events");
  if (!table) return;
  table.addEventListener("click", (ev) => {
    const row = ev.target.closest("tr.event-row");
    if (!row) return;
    const link = ev.target.closest("a");
    if (link && !link.closest("td.sentence")) return;  // actor links navigate
    ev.preventDefault();
    openEvent(row);
  });
  table.addEventListener("keydown", (ev) => {
    const row = ev.target.closest("tr.event-row");
    if (row && ev.key === "Enter") openEvent(row);
  });
  document.querySelector("#detail .close").addEventListener("click", () => {
    document.getElementById("detail").hidden = true;
  });
}

function dropEmptyFields() {
  // Keep shareable URLs short: empty filter fields are not sent.
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((input) => {
        if (!input.value) input.disabled = true;
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpEvents();
  dropEmptyFields();
});
