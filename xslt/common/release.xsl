<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Releases on every page: the version and the build date (the footer's stamp), "cite
      this version" (the version in the citation, and a versioned URL when the edition has a
      public one), and, in a document's page, what became of the published IDs that moved or
      were retired (the old id stays in the page, so a link to it lands on where it went). The
      toolkit decides the version and the date once per build (toolkit/stamp.py: a release's
      recorded date, else SOURCE_DATE_EPOCH, else the newest revisionDesc change; never the
      clock) and passes them here; without them (Oxygen), the pages say nothing of a release.
      Every entry stylesheet includes this module.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The release this build is ("1.0"), or empty: not a release (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="release-version" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>The build's date (YYYY-MM-DD), decided by the toolkit (ed:internal); empty: unknown.</xd:desc></xd:doc>
  <xsl:param name="build-date" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>The latest recorded release ("1.0"), or empty: none yet (ed:internal).</xd:desc></xd:doc>
  <xsl:param name="release-latest" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>A document page's published IDs that are no longer in it, as JSON:
    {"moved": {"old-id": "href"}, "retired": {"old-id": "reason"}} (ed:internal; empty: none).</xd:desc></xd:doc>
  <xsl:param name="release-forwards" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>From a page to the changes page.</xd:desc></xd:doc>
  <xsl:param name="changes-href" as="xs:string" select="'../releases/changes.html'" ed:internal="yes"/>

  <xd:doc><xd:desc>A citation URL of this version: the URL with "?version=V" before its fragment
    (the URL unchanged when the build is not a release, or when there is no URL).</xd:desc></xd:doc>
  <xsl:function name="ed:versioned-url" as="xs:string">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="if ($release-version eq '' or string($url) eq '') then string($url)
      else substring-before($url || '#', '#') || '?version=' || encode-for-uri($release-version)
           || (if (contains($url, '#')) then '#' || substring-after($url, '#') else '')"/>
  </xsl:function>

  <xd:doc><xd:desc>The release in a citation's imprint: "release 1.0 of 2026-12-03" (nothing
    when the build is not a release).</xd:desc></xd:doc>
  <xsl:function name="ed:release-imprint" as="xs:string?">
    <xsl:sequence select="if ($release-version eq '') then ()
      else string-join(('release ' || $release-version, $build-date[. ne ''] ! ('of ' || .)), ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The footer's stamp, on every page: the version (or "unreleased build", after
    the latest release) and the build date, linked to the changes page.</xd:desc></xd:doc>
  <xsl:template name="ed:release-stamp">
    <xsl:if test="$release-version ne '' or $build-date ne '' or $release-latest ne ''">
      <p class="release-stamp">
        <xsl:choose>
          <xsl:when test="$release-version ne ''">Version <span class="release-version"><xsl:value-of select="$release-version"/></span></xsl:when>
          <xsl:when test="$release-latest ne ''">Unreleased build (after release <xsl:value-of select="$release-latest"/>)</xsl:when>
          <xsl:otherwise>Unreleased build</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$build-date ne ''">, built <time datetime="{$build-date}" class="build-date"><xsl:value-of select="$build-date"/></time></xsl:if>
        <xsl:if test="$changes-href ne ''"><xsl:text> · </xsl:text><a href="{$changes-href}">Changes</a></xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>"Cite this version", after the edition's citation: which version the citation
    names, or, in a build that is no release, what to give instead.</xd:desc></xd:doc>
  <xsl:template name="ed:cite-this-version">
    <xsl:choose>
      <xsl:when test="$release-version ne ''">
        <p class="cite-version">This is release <xsl:value-of select="$release-version"/> of the edition<xsl:if test="$build-date ne ''"> (<xsl:value-of select="$build-date"/>)</xsl:if>: the citation names this version<xsl:if test="$base-url ne ''">, and its URL, with <code>?version=<xsl:value-of select="$release-version"/></code>, says which version you read</xsl:if>.<xsl:if test="$changes-href ne ''"> What changed from one release to the next is on the <a href="{$changes-href}">changes page</a>.</xsl:if></p>
      </xsl:when>
      <xsl:when test="$release-latest ne '' or $build-date ne ''">
        <p class="cite-version">This build is not a release<xsl:if test="$release-latest ne ''"> (the latest is <xsl:value-of select="$release-latest"/>)</xsl:if>: give the date it was built<xsl:if test="$build-date ne ''">, <xsl:value-of select="$build-date"/></xsl:if>, with the citation.</p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>In a document's page, the published IDs that are no longer in it: each old id
    kept on a short note saying where the passage or entry went (a link, which the page's script
    follows when the old id is the page's fragment) or that it was retired, and why.</xd:desc></xd:doc>
  <xsl:template name="ed:release-forwards">
    <xsl:if test="$release-forwards ne ''">
      <xsl:variable name="forwards" select="parse-json($release-forwards)" as="map(*)"/>
      <xsl:variable name="moved" select="$forwards?moved" as="map(*)"/>
      <xsl:variable name="retired" select="$forwards?retired" as="map(*)"/>
      <section id="ed-forwards" class="release-forwards" aria-labelledby="ed-forwards-h">
        <h2 id="ed-forwards-h">Moved and retired passages and names</h2>
        <ul>
          <xsl:for-each select="sort(map:keys($moved))">
            <li id="{.}" class="moved" data-moved-to="{$moved(.)}"><code><xsl:value-of select="."/></code>, published in an earlier release, has moved: <a href="{$moved(.)}">it is now here</a>.</li>
          </xsl:for-each>
          <xsl:for-each select="sort(map:keys($retired))">
            <li id="{.}" class="retired"><code><xsl:value-of select="."/></code>, published in an earlier release, was retired: <xsl:value-of select="$retired(.)"/></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
