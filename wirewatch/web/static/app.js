// wirewatch desk: the map, the derivation graph, the timeline and sentence highlighting.
// No inline script anywhere: pages pass what this needs in data- attributes and the rest comes
// from /api/. Every text from an article goes into the page as text (textContent, canvas
// labels, elements), never as HTML.
"use strict";

(function () {
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function note(container, text) {
    container.appendChild(el("p", text, "meta"));
  }

  var storyCache = {};
  function story(url) {
    if (!storyCache[url]) {
      storyCache[url] = fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) throw new Error("story request failed: " + r.status);
        return r.json();
      });
    }
    return storyCache[url];
  }

  // ---- the map: Natural Earth countries from world-atlas, no tile server ----
  // A Leaflet map with the world's countries drawn from the bundled shapes; null without assets.
  function worldMap(container) {
    if (!window.L || !window.topojson) { note(container, "Map assets are not built (run make install)."); return null; }
    var map = L.map(container, { worldCopyJump: false, attributionControl: true, zoomSnap: 0.25 });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Natural Earth");
    map.setView([40, 70], 3);
    var world = fetch(container.dataset.world).then(function (r) { return r.json(); }).then(function (shapes) {
      L.geoJSON(topojson.feature(shapes, shapes.objects.countries), {
        style: { color: "#8a8f98", weight: 0.6, fillColor: "#eef0f3", fillOpacity: 1 },
        interactive: false
      }).addTo(map);
    });
    return { map: map, world: world };
  }

  function drawMap(container) {
    var base = worldMap(container);
    if (!base) return;
    var map = base.map;
    Promise.all([base.world, story(container.dataset.api)])
      .then(function (parts) {
        var data = parts[1];
        var pins = [];
        data.places.forEach(function (p) {
          if (p.lat === null || p.lon === null) return;
          var marker = L.circleMarker([p.lat, p.lon], {
            radius: Math.min(14, 4 + Math.sqrt(p.mentions) * 1.5), color: "#b3261e", weight: 1,
            fillColor: "#e8574e", fillOpacity: 0.75, className: "pin"
          });
          var tip = el("span", p.name + " (" + p.mentions + ")");
          marker.bindTooltip(tip);
          marker.on("click", function () { window.location.assign(p.link); });
          marker.addTo(map);
          pins.push([p.lat, p.lon]);
        });
        container.dataset.pins = String(pins.length);
        if (pins.length) map.fitBounds(pins, { padding: [30, 30], maxZoom: 6 });
      })
      .catch(function (err) { note(container, "Map unavailable: " + err.message); });
  }

  // ---- the map across stories: /api/map's GeoJSON, one pin per place, linked to its stories ----
  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("request failed: " + r.status);
      return r.json();
    });
  }

  function pinPopup(props) {
    var box = el("div", null, "pin-popup");
    var head = el("a", props.name);
    head.href = props.link;
    box.appendChild(head);
    box.appendChild(el("div", props.articles + " articles in " + props.stories + " stories", "meta"));
    var list = el("ul");
    props.top_stories.forEach(function (s) {
      var item = el("li"), link = el("a", s.title);
      link.href = s.link;
      link.className = "pin-story";
      item.appendChild(link);
      item.appendChild(el("span", " (" + s.articles + ")", "meta"));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function drawOverviewMap(container) {
    var base = worldMap(container);
    if (!base) return;
    var map = base.map;
    // The page carries the pins (data-geojson); /api/map gives the same for other callers.
    var pins = container.dataset.geojson ? Promise.resolve(JSON.parse(container.dataset.geojson))
      : getJson(container.dataset.api);
    Promise.all([base.world, pins]).then(function (parts) {
      var pins = [];
      parts[1].features.forEach(function (f) {
        var lon = f.geometry.coordinates[0], lat = f.geometry.coordinates[1], p = f.properties;
        var marker = L.circleMarker([lat, lon], {
          radius: Math.min(16, 4 + Math.sqrt(p.articles) * 1.5), color: "#b3261e", weight: 1,
          fillColor: "#e8574e", fillOpacity: 0.7, className: "pin"
        });
        marker.bindTooltip(el("span", p.name + " (" + p.articles + ")"));
        marker.bindPopup(pinPopup(p));
        marker.addTo(map);
        pins.push([lat, lon]);
      });
      container.dataset.pins = String(pins.length);
      if (pins.length) map.fitBounds(pins, { padding: [30, 30], maxZoom: 6 });
    }).catch(function (err) { note(container, "Map unavailable: " + err.message); });
  }

  // ---- the timeline across stories: two lanes per story (happened, reported) ----
  function drawOverviewTimeline(container) {
    if (!window.vis || !window.vis.Timeline) { note(container, "Timeline assets are not built (run make install)."); return; }
    getJson(container.dataset.api).then(function (data) {
      var groups = [], items = [], links = {};
      data.stories.forEach(function (lane, n) {
        ["event", "report"].forEach(function (kind) {
          var label = el("span"), link = el("a", lane.story.title);
          link.href = lane.story.link;
          label.appendChild(el("span", kind === "event" ? "happened · " : "reported · ", "meta"));
          label.appendChild(link);
          groups.push({ id: n + ":" + kind, content: label, order: 2 * n + (kind === "event" ? 0 : 1) });
        });
        lane.entries.forEach(function (t, i) {
          if (!t.date) return;
          var id = n + ":" + i;
          links[id] = t.link;
          items.push({ id: id, group: n + ":" + t.kind, start: t.date, content: el("span", t.text), className: "tl-" + t.kind });
        });
      });
      // Items close in time gather into a numbered cluster until zoomed in, so that each lane
      // stays a few rows high however many entries it has.
      var options = { stack: true, maxHeight: 640, zoomKey: "ctrlKey", groupOrder: "order", orientation: "top",
        cluster: { maxItems: 3, showStipes: false } };
      var days = items.map(function (item) { return Date.parse(item.start); }).filter(isFinite);
      if (days.length) {
        var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
        var margin = Math.max((last - first) * 0.05, 3 * 86400000);
        options.start = new Date(first - margin);
        options.end = new Date(last + 3 * margin);  // room for the text of the latest entries
      }
      var timeline = new vis.Timeline(container, items, groups, options);
      timeline.on("select", function (props) {
        if (props.items.length && links[props.items[0]]) window.location.assign(links[props.items[0]]);
      });
      container.dataset.items = String(items.length);
    }).catch(function (err) { note(container, "Timeline unavailable: " + err.message); });
  }

  // ---- the derivation graph with cytoscape ----
  function drawGraph(container) {
    if (!window.cytoscape) { note(container, "Graph assets are not built (run make install)."); return; }
    story(container.dataset.api).then(function (data) {
      var elements = [];
      data.nodes.forEach(function (n) {
        elements.push({ data: { id: n.id, label: n.label, kind: n.kind }, classes: (n.origin ? "origin " : "") + n.kind });
      });
      data.edges.forEach(function (e, i) {
        elements.push({ data: { id: "e" + i, source: e.source, target: e.target, label: e.kind } });
      });
      var cy = cytoscape({
        container: container, elements: elements,
        layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1, padding: 20 },
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap",
            "text-max-width": 120, "background-color": "#5b7db1", width: 18, height: 18 } },
          { selector: "node.outlet", style: { shape: "diamond", "background-color": "#9a7b4f" } },
          { selector: "node.origin", style: { "border-width": 4, "border-color": "#1b5e20" } },
          { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle",
            width: 1.5, "line-color": "#999", "target-arrow-color": "#999" } }
        ]
      });
      cy.on("tap", "node.article", function (evt) {
        window.location.assign("/articles/" + encodeURIComponent(evt.target.id()));
      });
      container.dataset.nodes = String(data.nodes.length);
    }).catch(function (err) { note(container, "Graph unavailable: " + err.message); });
  }

  // ---- the timeline with vis-timeline: event time and report time in two lanes ----
  function drawTimeline(container) {
    if (!window.vis || !window.vis.Timeline) { note(container, "Timeline assets are not built (run make install)."); return; }
    story(container.dataset.api).then(function (data) {
      var groups = [{ id: "event", content: el("span", "happened") }, { id: "report", content: el("span", "reported") }];
      var items = [];
      data.timeline.forEach(function (t, i) {
        if (!t.date) return;
        items.push({ id: i, group: t.kind, start: t.date, content: el("span", t.text), className: "tl-" + t.kind });
      });
      var timeline = new vis.Timeline(container, items, groups, { stack: true, maxHeight: 360, zoomKey: "ctrlKey" });
      timeline.on("select", function (props) {
        if (props.items.length) window.location.assign(data.timeline[props.items[0]].link);
      });
      container.dataset.items = String(items.length);
    }).catch(function (err) { note(container, "Timeline unavailable: " + err.message); });
  }

  // ---- the article page: highlight the sentence(s) named by #s=START-END ----
  function highlight() {
    var match = /^#s=(\d+)-(\d+)$/.exec(window.location.hash);
    var marked = document.querySelectorAll(".sent.hl");
    Array.prototype.forEach.call(marked, function (s) { s.classList.remove("hl"); });
    if (!match) return;
    var start = Number(match[1]), end = Number(match[2]), first = null;
    Array.prototype.forEach.call(document.querySelectorAll(".sent"), function (s) {
      if (Number(s.dataset.start) < end && Number(s.dataset.end) > start) {
        s.classList.add("hl");
        if (!first) first = s;
      }
    });
    if (first) first.scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var map = document.getElementById("map");
    if (map) drawMap(map);
    var graph = document.getElementById("graph");
    if (graph) drawGraph(graph);
    var line = document.getElementById("timeline");
    if (line) drawTimeline(line);
    var overviewMap = document.getElementById("overview-map");
    if (overviewMap) drawOverviewMap(overviewMap);
    var overviewLine = document.getElementById("overview-timeline");
    if (overviewLine) drawOverviewTimeline(overviewLine);
    if (document.getElementById("body")) {
      highlight();
      window.addEventListener("hashchange", highlight);
    }
  });
})();
