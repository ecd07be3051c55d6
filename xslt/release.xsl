<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the release pages. Its input is data that toolkit/changes.py
      gathers from the release records (releases/VERSION.json), the IDs each document publishes
      now and the project's moved and retired IDs: ed:changes makes the changes page (each
      release, newest first, with what changed since the one before; what changed since the
      latest release; each document's revisionDesc), ed:gone the page left at the URL of a
      published document that is gone (a redirect, with a meta refresh and a canonical link to
      its new page, or a tombstone that says it was retired, and why). Both in the page frame of
      every other page (common/frame.xsl).</xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/page.xsl"/>
  <xsl:include href="common/frame.xsl"/>
  <xsl:include href="common/frame-slots.xsl"/>
  <xsl:include href="common/hooks.xsl"/>

  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xd:doc><xd:desc>What each group of differences is called.</xd:desc></xd:doc>
  <xsl:function name="ed:group-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map {
      'documents-added': 'Documents added', 'documents-removed': 'Documents removed',
      'added': 'IDs added', 'moved': 'IDs moved', 'retired': 'IDs retired',
      'gone': 'IDs gone (not declared moved or retired)' }($kind)"/>
  </xsl:function>

  <xd:doc><xd:desc>The page around a body: head, header with the site's name, the footer with the stamp.</xd:desc></xd:doc>
  <xsl:template name="ed:release-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="before-css" select="$head"/>
        <xsl:with-param name="script" select="false()"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="release-page">
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="head">
            <xsl:if test="not($ed:site)"><p class="publisher"><a href="{$index-href}">Citation index</a></p></xsl:if>
            <h1><xsl:value-of select="$title"/></h1>
          </xsl:with-param>
        </xsl:call-template>
        <div class="layout layout-single">
          <main id="ed-main">
            <xsl:call-template name="ed:hook-before-text"/>
            <xsl:sequence select="$body"/>
            <xsl:call-template name="ed:hook-after-text"/>
          </main>
        </div>
        <xsl:call-template name="ed:frame-footer"/>
        <xsl:call-template name="ed:hook-body-end"/>
      </body>
    </html>
  </xsl:template>

  <xd:doc><xd:desc>The changes page.</xd:desc></xd:doc>
  <xsl:template match="/ed:changes">
    <xsl:call-template name="ed:release-page">
      <xsl:with-param name="title" select="'Changes'"/>
      <xsl:with-param name="body">
        <section id="ed-releases" aria-labelledby="ed-releases-h">
          <h2 id="ed-releases-h">Releases</h2>
          <xsl:if test="empty(ed:release)"><p>No release yet: <code>tei release VERSION</code> records one, with every ID it publishes.</p></xsl:if>
          <xsl:apply-templates select="ed:unreleased"/>
          <xsl:apply-templates select="ed:release"/>
        </section>
        <section id="ed-revisions" aria-labelledby="ed-revisions-h">
          <h2 id="ed-revisions-h">Revisions of each document</h2>
          <xsl:apply-templates select="ed:document"/>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:unreleased">
    <section class="release unreleased" id="since-{@since}" aria-labelledby="since-{@since}-h">
      <h3 id="since-{@since}-h">Since release <xsl:value-of select="@since"/> (not released)</h3>
      <xsl:if test="empty(ed:group)"><p>No published ID has changed.</p></xsl:if>
      <xsl:apply-templates select="ed:group"/>
    </section>
  </xsl:template>

  <xsl:template match="ed:release">
    <section class="release" id="release-{@version}" aria-labelledby="release-{@version}-h">
      <h3 id="release-{@version}-h">Release <xsl:value-of select="@version"/>, <time datetime="{@date}"><xsl:value-of select="@date"/></time></h3>
      <p><xsl:value-of select="@documents"/> document(s), <xsl:value-of select="@ids"/> published ID(s)<xsl:if test="@toolkit ne ''">; made with the toolkit <xsl:value-of select="@toolkit"/></xsl:if>.
        <xsl:if test="@first = 'true'">The first release.</xsl:if>
        <xsl:if test="@first = 'false' and empty(ed:group)">No published ID changed since the release before.</xsl:if></p>
      <xsl:apply-templates select="ed:group"/>
    </section>
  </xsl:template>

  <xsl:template match="ed:group">
    <h4><xsl:value-of select="ed:group-label(@kind) || ' (' || @count || ')'"/></h4>
    <ul class="release-{@kind}">
      <xsl:for-each select="ed:item"><li><code><xsl:value-of select="."/></code></li></xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="ed:document">
    <section class="document-revisions" id="doc-{@stem}" aria-labelledby="doc-{@stem}-h">
      <h3 id="doc-{@stem}-h"><a href="../html/{encode-for-uri(@stem)}.html"><xsl:value-of select="(@title[. ne ''], @stem)[1]"/></a></h3>
      <xsl:choose>
        <xsl:when test="empty(ed:change)"><p>Its header records no revision (<code>revisionDesc</code>).</p></xsl:when>
        <xsl:otherwise>
          <ul class="revisions">
            <xsl:for-each select="ed:change">
              <li><xsl:if test="@when ne ''"><time datetime="{@when}"><xsl:value-of select="@when"/></time></xsl:if>
                <xsl:if test="@who ne ''"> (<xsl:value-of select="@who"/>)</xsl:if><xsl:if test="@when ne '' or @who ne ''">: </xsl:if><xsl:value-of select="."/></li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xd:doc><xd:desc>The page at a gone document's URL: a redirect (moved) or a tombstone (retired).</xd:desc></xd:doc>
  <xsl:template match="/ed:gone">
    <xsl:variable name="to" select="if (@moved-to ne '') then encode-for-uri(@moved-to) || '.html' else ''"/>
    <xsl:variable name="name" select="(@title[. ne ''], @stem)[1]"/>
    <xsl:call-template name="ed:release-page">
      <xsl:with-param name="title" select="if ($to ne '') then $name || ' has moved' else $name || ' was retired'"/>
      <xsl:with-param name="head">
        <xsl:if test="$to ne ''">
          <script>
            <xsl:text>(function(){var m={</xsl:text>
            <xsl:value-of select="string-join(ed:id[@fate ne 'retired'] ! ('&quot;' || @id || '&quot;:&quot;' || encode-for-uri(@document) || '.html#' || @to || '&quot;'), ',')"/>
            <xsl:text>};var h=decodeURIComponent(location.hash.slice(1));location.replace(m[h]||"</xsl:text>
            <xsl:value-of select="$to"/>
            <xsl:text>"+location.hash);}());</xsl:text>
          </script>
          <meta http-equiv="refresh" content="0; url={$to}"/>
          <link rel="canonical" href="{if ($base-url ne '') then $base-url || $to else $to}"/>
          <meta name="robots" content="noindex"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:choose>
          <xsl:when test="$to ne ''">
            <p class="moved-document">This document, published in release <xsl:value-of select="@release"/>, has moved: <a href="{$to}"><xsl:value-of select="$to"/></a>. Your browser should go there at once.</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="retired-document">This document was published in release <xsl:value-of select="@release"/> and has been retired<xsl:if test="@retired ne ''">: <xsl:value-of select="@retired"/></xsl:if>. It is kept in the release records (<a href="../releases/changes.html">changes</a>).</p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="exists(ed:id)">
          <ul class="release-forwards">
            <xsl:for-each select="ed:id">
              <li id="{@id}">
                <xsl:choose>
                  <xsl:when test="@fate = 'retired'"><xsl:attribute name="class" select="'retired'"/><code><xsl:value-of select="@id"/></code><xsl:if test="@label ne ''"> (<xsl:value-of select="@label"/>)</xsl:if> was retired: <xsl:value-of select="@reason"/></xsl:when>
                  <xsl:otherwise>
                    <xsl:variable name="href" select="encode-for-uri(@document) || '.html#' || @to"/>
                    <xsl:attribute name="class" select="'moved'"/><xsl:attribute name="data-moved-to" select="$href"/>
                    <code><xsl:value-of select="@id"/></code><xsl:if test="@label ne ''"> (<xsl:value-of select="@label"/>)</xsl:if>: <a href="{$href}">now here</a></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
