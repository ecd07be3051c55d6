<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The page frame every HTML page shares (the reading edition, the citation index,
      the encoding guide, the site's home page and register pages, and any other page a toolkit
      feature adds): one header (the site's name, linked home, and the site's navigation), one
      footer (the page's own lines, the site's description, the toolkit's stamp slot and the
      project's footer hook), and one grid, so that every page has the same left edge. The
      CSS is edition.css's "Site frame" section.
      <xd:p>The navigation lists only what the site has. The toolkit tells the pages with two
        internal parameters, set when tei build writes the site (the "site" output kind):
        $site-root-href, the way from the page to the output folder ("../" from a page one
        folder down; empty: no site, as with tei render html, and the frame links no home page),
        and $site-sections, the names of what the build writes ("registers", "index", "guide",
        "search", "dts", "tei", "text"). A document page also gets $prev-href and $next-href
        (its neighbours in the home page's order).</xd:p>
      <xd:p>Two kinds of extension point: the project's hooks (common/hooks.xsl:
        ed:hook-nav, ed:hook-footer …), which a project overrides; and the toolkit's own slots
        (common/frame-slots.xsl: ed:frame-nav-items, ed:frame-stamp), which the toolkit's
        features fill (search, releases), so that a project's hooks never replace them.</xd:p></xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>From the page to the output folder (the site's root), ending in "/" (or empty
    for a page at the root itself, with $site-home set). Empty and no home: the build wrote no
    site (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="site-root-href" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>What the site has, space-separated: "registers", "index", "guide", "search",
    "dts", "tei", "text" (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="site-sections" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>A document page: the previous and the next document in the home page's order
    (relative to the page; empty: none) (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="prev-href" as="xs:string" select="''" ed:internal="yes"/>
  <xsl:param name="next-href" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>The page the register entries are rendered for: "register" on the site's
    register pages (a cross-reference then goes to the register page of its kind), empty on the
    citation index (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="items-page" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>The page is the site's home page, at the output folder's root (so
    $site-root-href is empty) (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="site-at-root" as="xs:boolean" select="false()" ed:internal="yes"/>

  <xd:doc><xd:desc>Whether the build wrote a site (a home page).</xd:desc></xd:doc>
  <xsl:variable name="ed:site" as="xs:boolean" select="$site-root-href ne '' or $site-at-root"/>

  <xd:doc><xd:desc>The citation index's JSON, beside its page ($index-href with .json).</xd:desc></xd:doc>
  <xsl:variable name="ed:index-json-href" as="xs:string" select="replace($index-href, '\.html$', '.json')"/>

  <xd:doc><xd:desc>Whether the site has a section (see $site-sections).</xd:desc></xd:doc>
  <xsl:function name="ed:has-section" as="xs:boolean">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="$name = tokenize($site-sections)"/>
  </xsl:function>

  <xd:doc><xd:desc>The file of a register page, in registers/ (persons.html, places.html,
    organisations.html, works.html, events.html).</xd:desc></xd:doc>
  <xsl:function name="ed:register-file" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'org') then 'organisations.html' else $type || 's.html'"/>
  </xsl:function>

  <xd:doc><xd:desc>The link of a register entry's cross-reference ("See also"), given its anchor
    (TYPE-ID): on a register page, the register page of its kind; on the page that has every
    entry (the citation index), the anchor alone; elsewhere, the citation index.</xd:desc></xd:doc>
  <xsl:function name="ed:related-href" as="xs:string">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="same-page" as="xs:boolean"/>
    <xsl:sequence select="(if ($items-page = 'register') then ed:register-file(substring-before($anchor, '-'))
      else if ($same-page) then '' else $index-href) || '#' || $anchor"/>
  </xsl:function>

  <xd:doc>
    <xd:desc>The page's header: the site bar (the site's name and logo, linked home when there
      is a site, and the site's navigation), then the page's own head ($head: its heading and
      introduction) in the frame's grid.</xd:desc>
    <xd:param name="current">Which navigation item is this page ("home", "registers", "index",
      "search", "guide"; empty: none), marked aria-current.</xd:param>
    <xd:param name="head">The page's own head: its h1 and what goes with it.</xd:param>
  </xd:doc>
  <xsl:template name="ed:frame-header">
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <header class="site-header">
      <div class="site-bar">
        <div class="frame">
          <xsl:call-template name="ed:site-name"/>
          <xsl:variable name="items" as="element()*">
            <xsl:call-template name="ed:frame-nav-list"><xsl:with-param name="current" select="$current"/></xsl:call-template>
          </xsl:variable>
          <xsl:if test="exists($items)">
            <nav class="site-nav" aria-label="Site"><ul><xsl:sequence select="$items"/></ul></nav>
          </xsl:if>
        </div>
      </div>
      <div class="frame page-head"><xsl:sequence select="$head"/></div>
    </header>
  </xsl:template>

  <xd:doc><xd:desc>The items of the site's navigation: home, registers, citation index, the
    toolkit's features (ed:frame-nav-items: search …), the encoding guide, then the project's
    (ed:hook-nav). Without a site, the citation index only (the page's way to it).</xd:desc></xd:doc>
  <xsl:template name="ed:frame-nav-list">
    <xsl:param name="current" as="xs:string"/>
    <xsl:variable name="root" select="$site-root-href"/>
    <xsl:if test="$ed:site">
      <xsl:sequence select="ed:nav-item($root || 'index.html', 'Documents', $current = 'home')"/>
      <xsl:if test="ed:has-section('registers')">
        <xsl:sequence select="ed:nav-item($root || 'registers/index.html', 'Registers', $current = 'registers')"/>
      </xsl:if>
    </xsl:if>
    <xsl:if test="not($ed:site) or ed:has-section('index')">
      <xsl:sequence select="ed:nav-item(if ($ed:site) then $root || 'index/citation-index.html' else $index-href,
        'Citation index', $current = 'index')"/>
    </xsl:if>
    <xsl:call-template name="ed:frame-nav-items"><xsl:with-param name="current" select="$current"/></xsl:call-template>
    <xsl:if test="$ed:site and ed:has-section('guide')">
      <xsl:sequence select="ed:nav-item($root || 'docs/encoding-guide.html', 'Encoding guide', $current = 'guide')"/>
    </xsl:if>
    <xsl:call-template name="ed:hook-nav"/>
  </xsl:template>

  <xd:doc><xd:desc>One navigation item: a link, marked aria-current="page" on its own page.</xd:desc></xd:doc>
  <xsl:function name="ed:nav-item" as="element()">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="current" as="xs:boolean"/>
    <li><a href="{$href}"><xsl:if test="$current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if><xsl:value-of select="$label"/></a></li>
  </xsl:function>

  <xd:doc><xd:desc>A document page's way through the site: the list of documents, and the
    previous and next document in its order (nothing without a site).</xd:desc></xd:doc>
  <xsl:template name="ed:doc-nav">
    <xsl:if test="$ed:site">
      <nav class="doc-nav" aria-label="Documents">
        <a href="{$site-root-href}index.html">All documents</a>
        <xsl:if test="$prev-href ne ''"><a rel="prev" href="{$prev-href}">← Previous</a></xsl:if>
        <xsl:if test="$next-href ne ''"><a rel="next" href="{$next-href}">Next →</a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xd:doc>
    <xd:desc>The page's footer, in the frame's grid: the page's own lines, the project's
      description, the toolkit's stamp (ed:frame-stamp: a release's version and build date) and
      the project's footer hook.</xd:desc>
    <xd:param name="lines">The page's own lines (p elements).</xd:param>
  </xd:doc>
  <xsl:template name="ed:frame-footer">
    <xsl:param name="lines" as="node()*" select="()"/>
    <xsl:variable name="content" as="node()*">
      <xsl:sequence select="$lines"/>
      <xsl:call-template name="ed:site-description"/>
      <xsl:call-template name="ed:frame-stamp"/>
      <xsl:call-template name="ed:hook-footer"/>
    </xsl:variable>
    <xsl:if test="exists($content)">
      <footer class="site-footer"><div class="frame"><xsl:sequence select="$content"/></div></footer>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
