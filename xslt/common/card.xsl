<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The register card, written once: what a register entry says about itself (its
      name, its kind, its other names, its dates, its authority links), the same on the
      edition page (the popover of a name, the entry in the page's registers) and in the
      citation index (each entity's entry). Included by html.xsl and index.xsl, after
      common/registers.xsl and common/hooks.xsl.</xd:desc>
  </xd:doc>

  <xd:doc>
    <xd:desc>A TEI register entry (person, place, org …) as the card and the citation index's
      partial keep it: an ed:entity with its id, type, label, sort key, dates and kind, an
      ed:name for each name but the preferred one, and an ed:authority for each Wikidata or
      GeoNames identifier (with its certainty).</xd:desc>
    <xd:param name="entry">The register entry.</xd:param>
  </xd:doc>
  <xsl:function name="ed:card-data" as="element(ed:entity)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="label" select="ed:entry-label($entry)"/>
    <!-- @sort: the key the index sorts by, which the toolkit's streamed merge orders batches by -->
    <ed:entity id="{$entry/@xml:id}" type="{ed:entry-type($entry)}" rank="{index-of($ed:types, ed:entry-type($entry))[1] - 1}" label="{$label}" sort="{lower-case($label)}"
               dates="{ed:entry-dates($entry)}" kind="{ed:entry-kind($entry)}">
      <xsl:if test="$entry/self::personGrp"><xsl:attribute name="group" select="ed:entry-kind($entry)"/></xsl:if>
      <xsl:for-each select="ed:entry-names($entry)[position() gt 1]"><ed:name><xsl:value-of select="."/></ed:name></xsl:for-each>
      <xsl:for-each select="$entry/idno[@type = ('wikidata', 'geonames')][ed:authority-url(.) ne '']">
        <ed:authority scheme="{@type}" value="{normalize-space(.)}" url="{ed:authority-url(.)}">
          <xsl:if test="@cert"><xsl:attribute name="cert" select="@cert"/></xsl:if>
        </ed:authority>
      </xsl:for-each>
      <xsl:for-each select="$entry/note[normalize-space()]"><ed:note><xsl:value-of select="normalize-space(.)"/></ed:note></xsl:for-each>
      <xsl:for-each select="tokenize(normalize-space($entry/@corresp), ' ')[starts-with(., '#')] ! key('ed:id', substring(., 2), root($entry))[ed:is-entry(.)]">
        <ed:related anchor="{ed:entity-anchor(.)}" label="{ed:entry-label(.)}" kind="{ed:entry-kind(.)}"/>
      </xsl:for-each>
    </ed:entity>
  </xsl:function>

  <xd:doc>
    <xd:desc>The lines of a register card, from its data (the context item, an ed:entity):
      the name; the kind (class card-type-redundant when it only repeats the entry's type,
      which the registers and the index already say in their headings); the other names;
      the dates; the authority links with their certainty; the entry's notes; the entries it
      corresponds to (@corresp), linked; then the register card hook.
      On the edition page the lines are spans (a card sits inside a paragraph); in the index
      the name is the entry's heading and the lines are paragraphs.</xd:desc>
    <xd:param name="entry">The register entry, for the hook: the TEI entry on the edition
      page, the ed:entity in the index.</xd:param>
    <xd:param name="names">The other names (in the index, those of every document's entry).</xd:param>
    <xd:param name="heading-id">In the index: the id of the heading the name becomes.</xd:param>
  </xd:doc>
  <xsl:template name="ed:card">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="names" as="xs:string*" select="ed:name ! string(.)"/>
    <xsl:param name="heading-id" as="xs:string?" select="()"/>
    <xsl:variable name="line" select="if (exists($heading-id)) then 'p' else 'span'"/>
    <xsl:choose>
      <xsl:when test="exists($heading-id)"><h3 id="{$heading-id}" class="card-name"><xsl:value-of select="@label"/></h3></xsl:when>
      <xsl:otherwise><span class="card-name"><xsl:value-of select="@label"/></span></xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:element name="{$line}">
      <xsl:attribute name="class" select="'card-type' || (if (@kind eq ed:type-label(@type)) then ' card-type-redundant' else '')"/>
      <xsl:value-of select="@kind"/>
    </xsl:element>
    <xsl:if test="exists($names)">
      <xsl:element name="{$line}"><xsl:attribute name="class">card-names</xsl:attribute>Also: <xsl:value-of select="$names" separator="; "/></xsl:element>
    </xsl:if>
    <xsl:if test="@dates ne ''">
      <xsl:element name="{$line}"><xsl:attribute name="class">card-dates</xsl:attribute><xsl:value-of select="@dates"/></xsl:element>
    </xsl:if>
    <xsl:if test="ed:authority">
      <xsl:element name="{$line}">
        <xsl:attribute name="class">card-links</xsl:attribute>
        <xsl:for-each select="ed:authority">
          <xsl:if test="position() gt 1"> · </xsl:if>
          <a href="{@url}" rel="external"><xsl:value-of select="ed:scheme-label(@scheme) || ' ' || @value"/></a>
          <xsl:if test="@cert"> (certainty: <xsl:value-of select="@cert"/>)</xsl:if>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
    <xsl:for-each select="ed:note">
      <xsl:element name="{$line}"><xsl:attribute name="class">card-note</xsl:attribute><xsl:value-of select="."/></xsl:element>
    </xsl:for-each>
    <xsl:if test="ed:related">
      <xsl:element name="{$line}">
        <xsl:attribute name="class">card-related</xsl:attribute>
        <xsl:text>See also: </xsl:text>
        <xsl:for-each select="ed:related">
          <xsl:if test="position() gt 1">; </xsl:if>
          <a href="{ed:related-href(@anchor, exists($heading-id))}"><xsl:value-of select="@label"/></a> (<xsl:value-of select="lower-case(@kind)"/>)
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
    <xsl:for-each select="$entry">
      <xsl:call-template name="ed:hook-register-card"><xsl:with-param name="entry" select="."/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
