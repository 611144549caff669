// The per-article view: each stored article, newest ingested first, with the events read from it that
// match the filters (GET /api/events?doc_id=...). An article's events load when it is opened.
import { el, formatDate, getJSON, OTHER_LABEL, placeParts, swatch, typeColor } from "./common.js";
import { titleCase } from "./table.js";

const PAGE_SIZE = 50;
const EVENTS_PER_ARTICLE = 200;

export class ArticleList {
  constructor(list, more, onSelect) {
    this.list = list;
    this.more = more;
    this.onSelect = onSelect;
    this.filters = {};
    this.generation = 0;
    more.addEventListener("click", () => this.load(this.next).catch(() => {}));
  }

  // Lists the first page of articles again for new filters; the first article opens with its events.
  async show(filters) {
    this.filters = filters;
    this.list.replaceChildren();
    await this.load(0);
    this.list.querySelector("details")?.setAttribute("open", "");
  }

  async load(offset) {
    const generation = ++this.generation;
    const page = await getJSON("/api/documents", { limit: PAGE_SIZE, offset });
    if (generation !== this.generation) return;
    if (!page.items.length && !offset) this.list.append(el("p", { class: "muted" }, "No articles stored."));
    this.list.append(...page.items.map((info) => this.article(info)));
    this.next = page.next_offset;
    this.more.hidden = page.next_offset === null;
  }

  article(info) {
    const events = el("ul", { class: "article-events" });
    const meta = [info.source, info.published && `published ${formatDate(info.published)}`,
      `${info.num_reports} report${info.num_reports === 1 ? "" : "s"}`].filter(Boolean).join(" · ");
    const item = el("details", { class: "article", "data-document": info.doc_id },
      el("summary", {}, el("strong", {}, info.title || info.doc_id), el("span", { class: "sub" }, meta)),
      events);
    const filters = this.filters;
    item.addEventListener("toggle", () => {
      if (item.open && !item.dataset.state) this.fill(item, events, info.doc_id, filters);
    });
    return item;
  }

  async fill(item, events, docId, filters) {
    item.dataset.state = "loading";
    try {
      const page = await getJSON("/api/events", { ...filters, doc_id: docId, limit: EVENTS_PER_ARTICLE });
      events.replaceChildren(...(page.items.length ? page.items.map((merged) => this.eventRow(merged))
        : [el("li", { class: "muted" }, "No event from this article matches the filters.")]));
    } catch (error) {
      events.replaceChildren(el("li", { class: "problem" }, `Could not load its events: ${error.message}`));
    }
    item.dataset.state = "ready";
  }

  eventRow({ id, event }) {
    const what = event.sub_event_type || titleCase(event.plover);
    const where = placeParts(event.location, { regions: false }).join(", ");
    const row = el("li", { "data-id": id, tabindex: 0, role: "button" },
      swatch(typeColor(event.event_type)),
      el("span", { class: "what" }, what),
      el("span", { class: "sub" }, [event.event_type || OTHER_LABEL, formatDate(event.event_date), where].filter(Boolean).join(" · ")));
    row.addEventListener("click", () => this.onSelect(id));
    row.addEventListener("keydown", (key) => { if (key.key === "Enter") this.onSelect(id); });
    return row;
  }
}
