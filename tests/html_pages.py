"""Saved web pages written for the tests (fictional outlets and stories)."""

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="https://{host}/news/{slug}">
<meta property="article:published_time" content="{date}">
<script src="https://cdn.{host}/tracker.js"></script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
{paragraphs}
</article>
<aside><img src="https://img.{host}/ad.png"><p>Subscribe to our newsletter</p></aside>
<footer>Copyright 2024 {host}</footer>
</body></html>
"""

STORIES = {
    "harbour": ("Harbour workers end strike after pay deal", "2024-03-04", [
        "Dock workers in the northern harbour returned to work on Monday after the union accepted a pay "
        "offer that raises wages by six percent over two years.",
        "The strike had halted container traffic for nine days and left dozens of ships waiting at anchor "
        "outside the breakwater.",
        "Union leaders said the agreement also limits night shifts and funds new safety equipment.",
    ]),
    "drought": ("Farmers count losses as drought enters third month", "2024-03-06", [
        "Grain farmers in the eastern plains say the dry spell has already cut the expected wheat harvest "
        "by a third, and reservoirs are at their lowest level in a decade.",
        "The agriculture office promised emergency credit lines, but growers complained that the money "
        "arrives too late for the spring sowing.",
    ]),
}


def article_page(key: str, host: str = "dailyharbour.example") -> str:
    title, date, paras = STORIES[key]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return ARTICLE.format(title=title, date=date, host=host, slug=key, paragraphs=body)


INDEX_PAGE = """<!DOCTYPE html><html><head><title>Front page</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<ul><li><a href="/news/harbour">Harbour</a></li><li><a href="/news/drought">Drought</a></li></ul>
</body></html>
"""
