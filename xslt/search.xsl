<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The search page, search/index.html (toolkit/outputs/search.py): a query field,
      the facets and the results, which common/search-page.xsl lays out and search.js fills
      from the Pagefind bundle in ../pagefind/. Without JavaScript the page says so and links to
      the registers and the citation index. Its input is an ed:search element (the facets and
      their labels); the page frame is common/frame.xsl's, with the same hooks as every page.</xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/page.xsl"/>
  <xsl:include href="common/frame.xsl"/>
  <xsl:include href="common/frame-slots.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/hooks.xsl"/>
  <xsl:include href="common/search-page.xsl"/>

  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xd:doc><xd:desc>The page.</xd:desc></xd:doc>
  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="ed:search" mode="ed:search-page"/>
  </xsl:template>

</xsl:stylesheet>
