<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The toolkit's own slots in the page frame (common/frame.xsl): empty named
      templates that the toolkit's features fill (the search, releases), called on every page
      at fixed places. They are not the project's hooks (common/hooks.xsl): a project that
      overrides ed:hook-nav or ed:hook-footer adds to what these give, it does not replace it.
      A feature fills a slot here, in this file, and documents it in the slot's xd:doc.
      <xd:p>On every page the slots can use $site-root-href (from the page to the output
        folder, "../" or "" on the home page; empty without a site), $site-sections (what the
        site has: "search" when the search is built …) and the page's context item (see
        common/hooks.xsl).</xd:p></xd:desc>
  </xd:doc>

  <xd:doc>
    <xd:desc>Items of the site's navigation, after the citation index and before the encoding
      guide: li elements, each with one link (ed:nav-item makes one, marking the current
      page). For the search page: ed:nav-item($site-root-href || 'search/index.html',
      'Search', $current = 'search') when ed:has-section('search').</xd:desc>
    <xd:param name="current">The page's own item ("home", "registers", "index", "search", "guide").</xd:param>
  </xd:doc>
  <xsl:template name="ed:frame-nav-items">
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:if test="$ed:site and ed:has-section('search')">
      <xsl:sequence select="ed:nav-item($site-root-href || 'search/index.html', 'Search', $current = 'search')"/>
    </xsl:if>
  </xsl:template>

  <xd:doc>
    <xd:desc>The footer's stamp, after the page's own lines and the project's description: the
      release's version and build date, linked to the changes page (ed:release-stamp, in
      common/release.xsl).</xd:desc>
  </xd:doc>
  <xsl:template name="ed:frame-stamp">
    <xsl:call-template name="ed:release-stamp"/>
  </xsl:template>

  <xd:doc>
    <xd:desc>The home page's links to the site's features, after its registers and before the
      downloads: li elements (the search page's link, a changes page …). The changes page
      (releases and what changed between them, common/release.xsl) is linked when the build
      writes it.</xd:desc>
  </xd:doc>
  <xsl:template name="ed:frame-home-links">
    <xsl:if test="ed:has-section('search')">
      <li><a href="{$site-root-href}search/index.html">Search</a>: the full text, narrowed by document, type, language, date, author and the persons, places and organisations named</li>
    </xsl:if>
    <xsl:if test="$changes-href ne ''">
      <li><a href="{$changes-href}">Changes</a>: the releases, and what changed from one to the next</li>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
