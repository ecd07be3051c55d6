<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the site's own pages (the output kind "site",
      toolkit/outputs/site.py): the home page (index.html at the output's root) and the
      register pages (registers/index.html, and one page per kind of entry: persons.html,
      places.html, organisations.html, works.html, events.html), all in the page frame
      (common/frame.xsl).
      <xd:p>Like the citation index, the pages are written in bounded memory: the toolkit gives
        an ed:site element (how many documents, the kinds of register entry with their counts)
        and gets the page's frame, in which each list that grows with the corpus is a slot, a
        processing instruction "ed-slot NAME"; it fills the slots batch by batch: the home
        page's rows with this stylesheet's format "home-rows" on batches of the documents'
        partial indexes (their heads: stem, title, link, date, authors, type, language), a
        register page's entries with index.xsl's format "html-items" (the citation index's own
        entries, cards and citations).</xd:p>
      <xd:p>The context item of the hooks is the ed:site element (or the ed:partials of a batch).</xd:p></xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/page.xsl"/>
  <xsl:include href="common/frame.xsl"/>
  <xsl:include href="common/frame-slots.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/registers.xsl"/>
  <xsl:include href="common/hooks.xsl"/>

  <xd:doc><xd:desc>Which page: "home", "home-rows" (a batch of the home page's rows),
    "registers" (the list of registers) or "register" (one register, $register-type).</xd:desc></xd:doc>
  <xsl:param name="page" as="xs:string" select="'home'" ed:internal="yes"/>

  <xd:doc><xd:desc>With page "register": the kind of entry (person, place, org, work, event).</xd:desc></xd:doc>
  <xsl:param name="register-type" as="xs:string" select="''" ed:internal="yes"/>

  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$page = 'home-rows'"><xsl:apply-templates select="ed:partials/ed:partial" mode="ed:row"/></xsl:when>
      <xsl:when test="$page = 'home'"><xsl:apply-templates select="ed:site" mode="ed:home"/></xsl:when>
      <xsl:when test="$page = 'registers'"><xsl:apply-templates select="ed:site" mode="ed:registers"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="ed:site" mode="ed:register"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>A page of the site: the head, the frame's header with $head, main with
    $content, the frame's footer, the hooks at their places.</xd:desc></xd:doc>
  <xsl:template name="ed:site-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="head" as="node()*"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="body-class" as="xs:string"/>
    <xsl:param name="footer" as="node()*" select="()"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="script" select="false()"/>
        <xsl:with-param name="after-css">
          <xsl:if test="$page = 'home'"><script src="{$js-href}" defer="defer"></script></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="site-page {$body-class}">
        <a class="skip-link" href="#ed-main">Skip to the content</a>
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="current" select="$current"/>
          <xsl:with-param name="head" select="$head"/>
        </xsl:call-template>
        <div class="layout layout-single">
          <main id="ed-main">
            <xsl:call-template name="ed:hook-before-text"/>
            <xsl:sequence select="$content"/>
            <xsl:call-template name="ed:hook-after-text"/>
          </main>
        </div>
        <xsl:call-template name="ed:frame-footer"><xsl:with-param name="lines" select="$footer"/></xsl:call-template>
        <xsl:call-template name="ed:hook-body-end"/>
      </body>
    </html>
  </xsl:template>

  <!-- ============================================================ home -->

  <xd:doc><xd:desc>The home page: the site's title and description, the documents (a table,
    sortable and filterable with site.js; a plain table without it), the registers, the
    site's other parts and the downloads.</xd:desc></xd:doc>
  <xsl:template match="ed:site" mode="ed:home">
    <xsl:variable name="count" select="xs:integer(@documents)"/>
    <xsl:call-template name="ed:site-page">
      <xsl:with-param name="title" select="($site-title[. ne ''], 'Documents')[1]"/>
      <xsl:with-param name="current" select="'home'"/>
      <xsl:with-param name="body-class" select="'home-page'"/>
      <xsl:with-param name="footer"><p>The texts are encoded in TEI P5<xsl:if test="ed:has-section('tei')">; each one's TEI source is linked from its row and its page</xsl:if>.</p></xsl:with-param>
      <xsl:with-param name="head">
        <h1 id="ed-home-h"><xsl:value-of select="($site-title[. ne ''], 'Documents')[1]"/><xsl:if test="$site-title eq ''"><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="$count"/>)</span></xsl:if></h1>
        <xsl:if test="$site-description ne ''"><p class="site-intro"><xsl:value-of select="$site-description"/></p></xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content">
        <!-- without a site title, the page's heading is "Documents", and the list needs no other -->
        <section id="ed-documents" class="documents" aria-labelledby="{if ($site-title ne '') then 'ed-documents-h' else 'ed-home-h'}">
          <xsl:if test="$site-title ne ''"><h2 id="ed-documents-h">Documents <span class="count">(<xsl:value-of select="$count"/>)</span></h2></xsl:if>
          <div class="table-scroll">
            <table class="doc-table" id="ed-doc-table">
              <caption class="visually-hidden">The documents of the edition, one a row: title, date, author, type and language</caption>
              <thead>
                <tr>
                  <th scope="col" data-sort="text">Title</th>
                  <th scope="col" data-sort="text">Date</th>
                  <th scope="col" data-sort="text" data-filter="author">Author</th>
                  <th scope="col" data-sort="text" data-filter="type">Type</th>
                  <th scope="col" data-sort="text" data-filter="language">Language</th>
                  <xsl:if test="ed:has-section('tei') or ed:has-section('text')"><th scope="col">Files</th></xsl:if>
                </tr>
              </thead>
              <tbody><xsl:processing-instruction name="ed-slot" select="'documents'"/></tbody>
            </table>
          </div>
        </section>
        <xsl:if test="ed:register">
          <section id="ed-registers" class="site-links" aria-labelledby="ed-registers-h">
            <h2 id="ed-registers-h">Registers</h2>
            <xsl:call-template name="ed:register-list"/>
          </section>
        </xsl:if>
        <xsl:variable name="explore" as="element()*">
          <xsl:if test="ed:has-section('index')"><li><a href="index/citation-index.html">Citation index</a>: every name and date, with every passage that cites it</li></xsl:if>
          <xsl:call-template name="ed:frame-home-links"/>
          <xsl:if test="ed:has-section('guide')"><li><a href="docs/encoding-guide.html">Encoding guide</a>: how the texts are encoded in TEI</li></xsl:if>
          <xsl:if test="ed:has-section('dts')"><li><a href="dts/index.json">DTS API</a>: the texts for machines (Distributed Text Services 1.0)</li></xsl:if>
        </xsl:variable>
        <xsl:if test="exists($explore)">
          <section id="ed-explore" class="site-links" aria-labelledby="ed-explore-h">
            <h2 id="ed-explore-h">Explore</h2>
            <ul><xsl:sequence select="$explore"/></ul>
          </section>
        </xsl:if>
        <xsl:variable name="downloads" as="element()*">
          <xsl:if test="ed:has-section('tei')"><li>The TEI source of each document (<abbr title="Extensible Markup Language">XML</abbr>): the “TEI” link in its row</li></xsl:if>
          <xsl:if test="ed:has-section('text')"><li>The plain text of each document: the “Text” link in its row</li></xsl:if>
          <xsl:for-each select="ed:download">
            <li><a href="{@href}"><xsl:value-of select="@label"/></a></li>
          </xsl:for-each>
        </xsl:variable>
        <xsl:if test="exists($downloads)">
          <section id="ed-downloads" class="site-links" aria-labelledby="ed-downloads-h">
            <h2 id="ed-downloads-h">Downloads</h2>
            <ul><xsl:sequence select="$downloads"/></ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xd:doc><xd:desc>One row of the home page's table: a document's partial index (its head).
    Each cell carries its sort key (data-sort-key) where the shown text does not sort.</xd:desc></xd:doc>
  <xsl:template match="ed:partial" mode="ed:row">
    <xsl:variable name="stem" select="string(@doc)"/>
    <tr>
      <!-- the partial's link is relative to a page one folder down (the index): from the root, without "../" -->
      <td><a href="{if (starts-with(@href, '../')) then substring(@href, 4) else @href}"><xsl:value-of select="@title"/></a></td>
      <td><xsl:if test="@date ne ''"><time datetime="{@date}"><xsl:value-of select="@date"/></time></xsl:if></td>
      <td><xsl:value-of select="@authors"/></td>
      <td><xsl:value-of select="@text-type"/></td>
      <td><xsl:value-of select="@lang"/></td>
      <xsl:if test="ed:has-section('tei') or ed:has-section('text')">
        <td class="files">
          <xsl:if test="ed:has-section('tei')"><a href="tei/{encode-for-uri($stem)}.xml" type="application/tei+xml" aria-label="TEI source of {@title}">TEI</a></xsl:if>
          <xsl:if test="ed:has-section('tei') and ed:has-section('text')"> · </xsl:if>
          <xsl:if test="ed:has-section('text')"><a href="text/{encode-for-uri($stem)}.txt" type="text/plain" aria-label="Plain text of {@title}">Text</a></xsl:if>
        </td>
      </xsl:if>
    </tr>
  </xsl:template>

  <!-- ============================================================ registers -->

  <xd:doc><xd:desc>The registers, each with its number of entries (the context: ed:site).</xd:desc></xd:doc>
  <xsl:template name="ed:register-list">
    <xsl:param name="current" as="xs:string" select="''"/>
    <ul class="site-registers">
      <xsl:for-each select="ed:register">
        <li>
          <a href="{$site-root-href}registers/{ed:register-file(@type)}">
            <xsl:if test="@type = $current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:value-of select="ed:type-heading(@type)"/>
          </a>
          <xsl:text> </xsl:text><span class="count">(<xsl:value-of select="@count"/>)</span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xd:doc><xd:desc>The register pages' footer: where else the entries are.</xd:desc></xd:doc>
  <xsl:function name="ed:register-footer" as="element()">
    <p>The registers are also one page, the <a href="{$site-root-href}index/citation-index.html">citation index</a>,
      and data: <a href="{$site-root-href}index/citation-index.json">JSON</a>.</p>
  </xsl:function>

  <xd:doc><xd:desc>registers/index.html: the list of registers.</xd:desc></xd:doc>
  <xsl:template match="ed:site" mode="ed:registers">
    <xsl:call-template name="ed:site-page">
      <xsl:with-param name="title" select="'Registers'"/>
      <xsl:with-param name="current" select="'registers'"/>
      <xsl:with-param name="body-class" select="'register-page'"/>
      <xsl:with-param name="footer" select="ed:register-footer()"/>
      <xsl:with-param name="head">
        <h1>Registers</h1>
        <p>The persons, places, organisations, <xsl:value-of select="lower-case($works-label)"/> and events the
          documents name, each with every passage that cites it.</p>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:call-template name="ed:register-list"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xd:doc><xd:desc>registers/TYPE.html: one register's entries, with a slot the toolkit fills with
    the citation index's entries of that kind.</xd:desc></xd:doc>
  <xsl:template match="ed:site" mode="ed:register">
    <xsl:variable name="heading" select="ed:type-heading($register-type)"/>
    <xsl:call-template name="ed:site-page">
      <xsl:with-param name="title" select="$heading"/>
      <xsl:with-param name="current" select="'registers'"/>
      <xsl:with-param name="body-class" select="'register-page index-page'"/>
      <xsl:with-param name="footer" select="ed:register-footer()"/>
      <xsl:with-param name="head">
        <h1><xsl:value-of select="$heading"/></h1>
        <p><xsl:value-of select="ed:register[@type = $register-type]/@count"/> entries, each with every passage that cites it.</p>
        <nav class="register-nav" aria-label="Registers"><xsl:call-template name="ed:register-list">
          <xsl:with-param name="current" select="$register-type"/>
        </xsl:call-template></nav>
      </xsl:with-param>
      <xsl:with-param name="content">
        <section id="ed-{$register-type}" class="entities" aria-labelledby="ed-{$register-type}-h">
          <h2 id="ed-{$register-type}-h" class="visually-hidden"><xsl:value-of select="$heading"/></h2>
          <xsl:processing-instruction name="ed-slot" select="'entities-' || $register-type"/>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
