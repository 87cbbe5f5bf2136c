// `newsfacts serve` in a real browser: Debian's chromium, headless, driven by puppeteer-core.
// Usage: node browser_check.mjs BASE_URL CORPUS_DIR HOSTILE_ID SHOT_DIR
//   BASE_URL   the server, http://127.0.0.1:PORT/ (nothing else is ever connected to)
//   CORPUS_DIR the corpus the database was extracted from (the figure is checked against it)
//   HOSTILE_ID the id of the article extracted from tests/browser/hostile.html, or "-" when
//              the database has none (making the screenshots of docs/ from corpus/ alone)
//   SHOT_DIR   where serve.png (the claim's page) and serve-article.png are written
// Exit 0 when every check passes; each failure is printed.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [base, corpusDir, hostileId, shotDir] = process.argv.slice(2);
const origin = new URL(base).origin;
if (new URL(base).hostname !== "127.0.0.1") throw new Error(`not a loopback URL: ${base}`);

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",  // CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Any host but the loopback address resolves to nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  ],
});

const offsite = [];
const dialogs = [];
const cspReports = [];
async function newPage() {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith(origin + "/") || url === origin) return req.continue();
    if (url.startsWith("data:") || url.startsWith("about:")) return req.continue();
    offsite.push(url);
    return req.abort();
  });
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspReports.push(m.text());
  });
  return page;
}

try {
  const page = await newPage();

  // 1. The search page: type the claim, submit.
  const claim = "Mexico seized 8.2 tonnes of fentanyl";
  const home = await page.goto(base, { waitUntil: "load" });
  check(home.status() === 200, "/ answers 200");
  const csp = home.headers()["content-security-policy"] || "";
  check(csp.includes("default-src 'none'") && !csp.includes("script-src"),
        `/ sends a Content-Security-Policy without script sources (${csp})`);
  await page.type("main form.search input[name=claim]", claim);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }),
                     page.click("main form.search button")]);
  const checkUrl = new URL(page.url());
  check(checkUrl.pathname === "/check" && checkUrl.searchParams.get("claim") === claim,
        `the search box leads to /check?claim=... (${page.url()})`);

  // 2. The first hit: its verdict and the highlighted figure, as the article writes it.
  const hit = await page.$eval("ol.hits > li.hit", (li) => ({
    verdict: li.dataset.verdict,
    badge: li.querySelector(".badge").textContent,
    figure: li.querySelector("mark.figure")?.textContent,
    sentence: li.querySelector("blockquote.sentence").textContent,
    how: li.querySelector(".how")?.textContent,
    title: li.querySelector("a.title").textContent,
    href: li.querySelector("a.title").getAttribute("href"),
  }));
  console.log(`     first hit: ${hit.verdict} "${hit.figure}" in "${hit.sentence}"`);
  check(hit.verdict === "same" && hit.badge === "same", `the first hit's verdict is same (${hit.badge})`);
  check(hit.figure === "8.2 tonnes", `the highlighted figure is "8.2 tonnes" (${hit.figure})`);
  const corpusPage = fs.readFileSync(
      path.join(corpusDir, "01-record-fentanyl-seizure", "page.html"), "utf8");
  // The page writes "<strong>8,222.5 kilograms</strong> (8.2 tonnes) of fentanyl".
  check(corpusPage.includes("8,222.5 kilograms</strong> (8.2 tonnes) of fentanyl") &&
            hit.sentence.includes("8,222.5 kilograms (8.2 tonnes) of fentanyl"),
        "the highlighted figure stands in the sentence the corpus article writes");
  check(hit.how === "source 8,200 kg, claim 8,200 kg: same", `the arithmetic is shown (${hit.how})`);
  const verdicts = await page.$$eval("ol.hits > li.hit", (lis) => lis.map((l) => l.dataset.verdict));
  check(verdicts.includes("different"), `the 532 kilograms of the same article is different (${verdicts})`);

  // The JSON address gives the same hits in the same order. (Fetched from here: the page's
  // own policy allows it no connection at all.)
  const apiRes = await fetch(base + "api/check?claim=" + encodeURIComponent(claim));
  const api = { status: apiRes.status, type: apiRes.headers.get("content-type") || "",
                body: await apiRes.json() };
  check(api.status === 200 && api.type.startsWith("application/json") &&
            api.body.length === verdicts.length &&
            api.body.every((h, i) => h.verdict === verdicts[i] && h.rank === i + 1) &&
            api.body[0].figure.text === "8.2 tonnes",
        "/api/check gives the same hits as the page");
  await page.screenshot({ path: path.join(shotDir, "serve.png") });

  // 3. Open the article from the hit: every fact marked, the figure among them.
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }),
                     page.click("ol.hits > li.hit a.title")]);
  const articleUrl = new URL(page.url());
  check(articleUrl.pathname === "/article" && articleUrl.hash.startsWith("#quantity-"),
        `the hit opens /article?id=...#quantity-... (${page.url()})`);
  const marks = await page.$$eval("article.text a.m", (as) =>
      as.map((a) => ({ cls: a.className, text: a.textContent, href: a.getAttribute("href") })));
  const kinds = new Set(marks.map((m) => m.cls.split(" ").find((c) => c.startsWith("k-"))));
  console.log(`     ${marks.length} marks: ${[...kinds].join(", ")}`);
  check(marks.length >= 10, `the article has its facts marked (${marks.length} marks)`);
  check(["k-quantity", "k-date", "k-official", "k-quote"].every((k) => kinds.has(k)),
        "quantities, dates, officials and quotes are all marked");
  const figureMark = marks.find((m) => m.cls.includes("k-quantity") && m.text === "8.2 tonnes");
  check(!!figureMark, "the figure 8.2 tonnes is marked in the article");
  const opened = await page.$eval(articleUrl.hash, (li) => ({
    shown: getComputedStyle(li.querySelector(".fact-detail")).display !== "none",
    rule: li.querySelector("code.rule")?.textContent,
  }));
  check(opened.shown && opened.rule === "quantities.measure.number_unit",
        `the linked fact card is open with its rule id (${opened.rule})`);

  // Clicking another mark opens its card: the 8,222.5 kilograms.
  await page.click('article.text a.m.k-quantity[href^="#quantity-"]:not([href="' + figureMark.href + '"])');
  const other = await page.evaluate(() => {
    const li = document.querySelector(location.hash);
    return {
      hash: location.hash,
      shown: getComputedStyle(li.querySelector(".fact-detail")).display !== "none",
      text: li.querySelector(".fact-text").textContent,
      fields: [...li.querySelectorAll("dt")].map((d) => d.textContent),
    };
  });
  check(other.shown && other.fields.includes("rule") && other.fields.includes("archived copy"),
        `clicking a mark opens its card: ${other.text} (${other.fields.join(", ")})`);
  await page.click(`a.m[href="${figureMark.href}"]`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1, 1);  // no hover outline in the picture
  await page.screenshot({ path: path.join(shotDir, "serve-article.png") });

  // 4. Hostile text stays text: no script runs, no element is made from it.
  const hostile = await newPage();
  if (hostileId !== "-") {
    const res = await hostile.goto(base + "article?id=" + encodeURIComponent(hostileId), { waitUntil: "load" });
    check(res.status() === 200, "the hostile article answers 200");
    const seen = await hostile.evaluate(() => ({
      pwned: typeof window.__pwned,
      imgs: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script").length,
      text: document.body.innerText,
      title: document.querySelector("h1").textContent,
    }));
    check(seen.pwned === "undefined", `no script ran (window.__pwned is ${seen.pwned})`);
    check(seen.imgs === 0 && seen.scripts === 0, `no img or script element (${seen.imgs}, ${seen.scripts})`);
    check(seen.text.includes("<script>window.__pwned = 'body-script'</script>"),
          "the <script> of the article body is shown as text");
    check(seen.text.includes("\"><img src=x onerror=\"window.__pwned = 'body-img'\">"),
          "the \"><img onerror> of the article body is shown as text");
    check(seen.title.includes("\"><img src=x onerror=") && seen.title.includes("<script>"),
          `the hostile title is shown as text (${seen.title})`);

    // A hostile claim, typed and linked, is echoed as text.
    const evil = "\"><img src=x onerror=window.__pwned=5> <script>window.__pwned=6</script> attackers";
    await hostile.goto(base + "check?claim=" + encodeURIComponent(evil), { waitUntil: "load" });
    const echoed = await hostile.evaluate(() => ({
      pwned: typeof window.__pwned,
      imgs: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script").length,
      value: document.querySelector("header form.search input").value,
      h1: document.querySelector("h1").textContent,
      found: [...document.querySelectorAll("ul.articles a.title")].map((a) => a.textContent),
    }));
    check(echoed.pwned === "undefined" && echoed.imgs === 0 && echoed.scripts === 0 &&
              echoed.value === evil && echoed.h1 === evil,
          "a hostile claim is echoed as text");
    check(echoed.found.some((t) => t.includes("<script>")),
          `the hostile article is found by its words, its title as text (${echoed.found.length} found)`);
  }

  // 5. Bad addresses.
  for (const [url, want] of [["article?id=" + "x".repeat(5000), 400], ["check?claim=%FF", 400],
                             ["../../etc/passwd", 404], ["assets/..%2F..%2Fetc%2Fpasswd", 404],
                             ["nothing-here", 404], ["article?id=no-such-article", 404]]) {
    const r = await hostile.goto(base + url, { waitUntil: "load" });
    check(r.status() === want, `/${url.slice(0, 40)} answers ${want} (${r.status()})`);
  }

  check(dialogs.length === 0, `no dialog opened (${dialogs})`);
  check(offsite.length === 0, `nothing was requested from anywhere else (${offsite})`);
  check(cspReports.length === 0, `no Content-Security-Policy report (${cspReports})`);
} catch (e) {
  failures.push(String(e && e.stack ? e.stack : e));
  console.log(`FAIL ${e && e.stack ? e.stack : e}`);
} finally {
  await browser.close();
}

console.log(failures.length ? `browser_check: ${failures.length} failed` : "browser_check: all passed");
process.exit(failures.length ? 1 : 0);
