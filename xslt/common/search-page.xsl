<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The search page's layout (search.xsl). Its input:
      <xd:pre>&lt;ed:search&gt;&lt;ed:facet name="document" label="Document"/&gt; …&lt;/ed:search&gt;</xd:pre>
      The results come first and the facets after them (beside them on a wide screen), so that
      on a phone the first results are in the first screen. The form and the results are hidden
      until search.js runs; the paragraph that says
      search needs JavaScript, with its links to the registers and the citation index, is
      removed by it. Links are relative (the page is one folder below the output folder), so
      the site works from any address; the canonical link uses base-url when it is set.</xd:desc>
  </xd:doc>

  <xsl:mode name="ed:search-page" on-no-match="shallow-skip"/>

  <xd:doc><xd:desc>The page title.</xd:desc></xd:doc>
  <xsl:variable name="ed:search-title" as="xs:string" select="'Search the texts'"/>

  <xd:doc><xd:desc>The registers the page links to when search cannot run (citation index sections).</xd:desc></xd:doc>
  <xsl:variable name="ed:search-registers" as="map(xs:string, xs:string)"
    select="map{'person': 'Persons', 'place': 'Places', 'org': 'Organisations', 'work': $works-label, 'event': 'Events'}"/>

  <xd:doc><xd:desc>The whole page.</xd:desc></xd:doc>
  <xsl:template match="ed:search" mode="ed:search-page">
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="$ed:search-title"/>
        <xsl:with-param name="canonical" select="$base-url[. ne ''] ! resolve-uri('../search/index.html', .)"/>
        <xsl:with-param name="after-css"><link rel="stylesheet" href="search.css"/></xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body>
        <a class="skip-link" href="#ed-search-main">Skip to the search</a>
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="current" select="'search'"/>
          <xsl:with-param name="head"><h1><xsl:value-of select="$ed:search-title"/></h1></xsl:with-param>
        </xsl:call-template>
        <div class="layout layout-single">
        <main id="ed-search-main" class="search-main">
          <xsl:call-template name="ed:hook-before-text"/>
          <div id="ed-search-nojs" class="search-nojs">
            <p>Searching needs JavaScript, which is not running in this browser. Every passage can
              also be found through the registers, which list the passages that name each entry:</p>
            <ul>
              <xsl:for-each select="('person', 'place', 'org', 'work', 'event')">
                <li><a href="{$index-href}#ed-{.}"><xsl:value-of select="$ed:search-registers(.)"/></a></li>
              </xsl:for-each>
              <li><a href="{$index-href}">The citation index</a> (every register, and every document's passages)</li>
            </ul>
          </div>
          <form id="ed-search-form" class="search-form" role="search" hidden="hidden">
            <label for="ed-search-q">Words to find</label>
            <input type="search" id="ed-search-q" name="q" autocomplete="off" spellcheck="false"/>
            <button type="submit">Search</button>
          </form>
          <div id="ed-search-panel" class="search-panel" hidden="hidden"
               data-edition-href="{$edition-dir-href}" data-pagefind="../pagefind/">
            <section class="search-results" aria-labelledby="ed-search-status">
              <p id="ed-search-status" class="search-status" role="status" aria-live="polite"></p>
              <ol id="ed-search-list" class="search-list"></ol>
              <p class="search-more-wrap"><button type="button" id="ed-search-more" class="search-more" hidden="hidden">More results</button></p>
            </section>
            <div id="ed-search-facets" class="search-facets" role="group" aria-label="Narrow the results">
              <xsl:for-each select="ed:facet">
                <fieldset class="search-facet" data-facet="{@name}" hidden="hidden">
                  <legend><xsl:value-of select="@label"/></legend>
                </fieldset>
              </xsl:for-each>
            </div>
          </div>
          <xsl:call-template name="ed:hook-after-text"/>
        </main>
        </div>
        <xsl:call-template name="ed:frame-footer">
          <xsl:with-param name="lines">
            <p><a href="{$index-href}">Citation index</a> · Search by <a href="https://pagefind.app/" rel="external">Pagefind</a>, in your browser: nothing is sent to a server.</p>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ed:hook-body-end"/>
        <script src="search.js"></script>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
