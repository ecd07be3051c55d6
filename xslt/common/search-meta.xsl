<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>What the full-text search (Pagefind; toolkit/outputs/search.py) reads from a
      reading-edition page, in Pagefind's own attributes, so that the page is also indexable by
      the Pagefind command line as it is: the document's facets as head meta elements
      (data-pagefind-filter="NAME[content]": document, type, language, decade, author; each
      with a name, ed-search-NAME, as HTML requires of a meta element) and
      its title (data-pagefind-meta), and on every register card the entry it names
      (data-pagefind-filter="person:Label", place, org). The text itself is the page's
      data-pagefind-body; apparatus chrome inside it carries data-pagefind-ignore (html.xsl).
      Every name here starts with ed:search-.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The register entry types that are search facets (a passage names them).</xd:desc></xd:doc>
  <xsl:variable name="ed:search-entity-facets" as="xs:string*" select="('person', 'place', 'org')"/>

  <xd:doc><xd:desc>The document's text type: the text's @type, else the catDesc (or the target)
      of its first catRef, else its first classCode, else the type of the body's first
      division; '' when none says.</xd:desc></xd:doc>
  <xsl:function name="ed:search-text-type" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="tei" select="root($root)/*"/>
    <xsl:variable name="header" select="$tei/teiHeader"/>
    <xsl:variable name="cat" select="($header/profileDesc/textClass/catRef/@target)[1] ! tokenize(., '\s+')[1]"/>
    <xsl:variable name="category" select="$header//category[@xml:id = substring($cat, 2)]"/>
    <xsl:sequence select="normalize-space(string((
      ($tei/text)[1]/@type,
      $category/catDesc[1], $category/gloss[1], $cat ! replace(., '^#', ''),
      $header/profileDesc/textClass/classCode[1],
      ($tei/text/body/div)[1]/@type)[normalize-space(.) ne ''][1]))"/>
  </xsl:function>

  <xd:doc><xd:desc>The decade of a date in ISO form ("1956-10-30": "1950s"; "-0044": "-0040s");
      '' when the value does not start with a year.</xd:desc></xd:doc>
  <xsl:function name="ed:search-decade" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="year" select="replace(string($when), '^(-?\d{4}).*$', '$1')"/>
    <xsl:sequence select="if (matches($year, '^-?\d{4}$')) then substring($year, 1, string-length($year) - 1) || '0s' else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The head's search facets of a reading-edition page (context: the TEI document node).</xd:desc>
    <xd:param name="language">The text's language (BCP 47), '' when the document does not say.</xd:param></xd:doc>
  <xsl:template name="ed:search-meta">
    <xsl:param name="language" as="xs:string" select="''"/>
    <xsl:variable name="title" select="(ed:title(.)[. ne ''], 'TEI document')[1]"/>
    <meta name="ed-search-title" data-pagefind-meta="title[content]" content="{$title}"/>
    <meta name="ed-search-document" data-pagefind-filter="document[content]" content="{$title}"/>
    <xsl:for-each select="ed:search-text-type(.)[. ne '']"><meta name="ed-search-type" data-pagefind-filter="type[content]" content="{.}"/></xsl:for-each>
    <meta name="ed-search-language" data-pagefind-filter="language[content]" content="{($language[. ne ''], 'und')[1]}"/>
    <xsl:for-each select="ed:search-decade(ed:creation-date(.))[. ne '']"><meta name="ed-search-decade" data-pagefind-filter="decade[content]" content="{.}"/></xsl:for-each>
    <xsl:for-each select="distinct-values(ed:authors(.))"><meta name="ed-search-author" data-pagefind-filter="author[content]" content="{.}"/></xsl:for-each>
  </xsl:template>

  <xd:doc><xd:desc>On a register card: the facet of the entry it names (nothing for a type that is not a facet).</xd:desc>
    <xd:param name="entry">The register entry.</xd:param></xd:doc>
  <xsl:template name="ed:search-card-filter">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="type" select="ed:entry-type($entry)"/>
    <xsl:if test="$type = $ed:search-entity-facets">
      <xsl:attribute name="data-pagefind-filter" select="$type || ':' || ed:entry-label($entry)"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
