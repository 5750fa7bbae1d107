/* The header search box's worker: Material's search, answered from Pagefind's chunked index.
 *
 * Material runs its search in a worker and talks to it in four messages (its
 * integrations/search/worker: SETUP with the index, READY, QUERY with the text typed, RESULT
 * with the pages found). This worker speaks the same four, so Material's own search box, result
 * list, keyboard model, phone layout and highlighting on the page opened (`?h=`) stay as they
 * are; only the index changes. Material's index is one file that every page downloads; Pagefind's
 * (built after the site by hooks/search_hook.py into pagefind/) is split in chunks, and nothing of
 * it is fetched before the first query: then its script, its WebAssembly, the metadata, the
 * chunks of the words typed and a fragment (title, excerpt, sections) per result shown.
 *
 * Each result is one page with its matching sections; a RESULT also carries `total`, the number
 * of pages found, which the page's script (main.html) prints when only the best are shown.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 10;      /* pages listed: each costs a fragment download (Material shows ten before scrolling) */
var SETTLE = 120;    /* ms without a new keystroke before a query fetches results */

var site = new URL("../../", self.location.href);  /* this file is assets/javascripts/ of the site */
var pagefind = null;
var latest = 0;

function load() {
  if (pagefind === null) {
    pagefind = import(new URL("pagefind/pagefind.js", site).href).then(function (module) {
      /* Pagefind searches a page's metadata too: its title (weight 5 by default) and, for an actor, the
         other names it goes by (main.html), weighted as the title: "Pyongyang" finds North Korea first. */
      var ranking = {metaWeights: {title: 5, aliases: 5}};
      return module.options({excerptLength: 26, ranking: ranking}).then(function () { return module; });
    });
    pagefind.catch(function () { pagefind = null; });  /* offline for a moment: the next query tries again */
  }
  return pagefind;
}

function escapeHTML(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Material resolves a result's location against the site's root: Pagefind's URLs start at the host. */
function relative(url) {
  var address = new URL(url, site);
  return address.href.indexOf(site.href) === 0 ? address.href.slice(site.href.length) : address.pathname + address.hash;
}

function words(query) {
  var terms = {};
  query.split(/[\s"]+/).forEach(function (word) {
    if (word) terms[word] = true;
  });
  return terms;
}

/* One page of the results as Material lists it: the page first, then its sections with a match
   (folded under "N more on this page": their score is below the page's). */
function item(page, score, terms) {
  var location = relative(page.url);
  var docs = [{
    location: location, title: escapeHTML(page.meta.title || location), text: "<p>" + page.excerpt + "</p>",
    score: score, terms: terms
  }];
  (page.sub_results || []).forEach(function (section) {
    /* the text before the first subheading is the page's own: under the page's title, not a section */
    if (!section.anchor || section.anchor.element === "h1" || relative(section.url) === location) return;
    docs.push({
      location: relative(section.url), title: escapeHTML(section.title), text: "<p>" + section.excerpt + "</p>",
      score: 0, terms: terms
    });
  });
  return docs;
}

function wait(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

async function answer(query, asked) {
  var text = query.trim();
  if (!text) return {items: [], total: 0};
  await wait(SETTLE);
  if (asked !== latest) return null;
  var module = await load();
  var found = await module.search(text);
  if (asked !== latest || !found) return null;
  var best = found.results.slice(0, SHOWN);
  var pages = await Promise.all(best.map(function (result) { return result.data(); }));
  if (asked !== latest) return null;
  var terms = words(text);
  return {
    items: pages.map(function (page, i) { return item(page, best[i].score, terms); }),
    total: found.results.length
  };
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({type: READY});  /* nothing to load yet: the index is fetched by the first query */
  } else if (message.type === QUERY) {
    var asked = ++latest;
    answer(message.data, asked).then(function (data) {
      if (data !== null) postMessage({type: RESULT, data: data});
    }, function (error) {
      console.warn("Search failed:", error);
      if (asked === latest) postMessage({type: RESULT, data: {items: [], total: 0}});
    });
  }
});
