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
    <xd:desc>Language tags and writing direction. The table is languages.json beside this
      file, the one that toolkit/langtags.py reads too (DTS, DataCite, JSON-LD), so that
      every output names a language alike: ISO 639-2/3 codes become BCP 47 (ger and deu
      de, lat la; grc, which has no shorter code, stays grc). Included by html.xsl and
      metadata.xsl.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The table: codes (ISO 639-2 to BCP 47 primary subtags), rtl-languages,
    rtl-scripts.</xd:desc></xd:doc>
  <xsl:variable name="ed:languages" as="map(*)" static="yes" select="json-doc(resolve-uri('languages.json', static-base-uri()))"/>

  <xd:doc><xd:desc>A language code as BCP 47 ('' when it is not a language tag at all): the
    primary subtag shortest ('und' for a two-letter code that ISO 639-1 lacks), a script
    subtag title-cased, a region upper-cased.</xd:desc></xd:doc>
  <xsl:function name="ed:bcp47" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="c" select="normalize-space($code)"/>
    <xsl:variable name="parts" select="tokenize($c, '-')"/>
    <xsl:variable name="primary" select="lower-case($parts[1])"/>
    <xsl:variable name="private" select="(index-of($parts ! lower-case(.), 'x'), count($parts) + 1)[1]"/>
    <xsl:sequence select="if (not(matches($c, '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$'))) then ''
      else string-join((
        (map:get($ed:languages('codes'), $primary), $primary)[1] ! (if (string-length(.) = 2 and not(. = array:flatten($ed:languages('iso639-1')))) then 'und' else .),
        for $i in 2 to count($parts) return
          let $p := $parts[$i] return
          if ($i ge $private or string-length($p) = 1) then lower-case($p)
          else if (string-length($p) = 4 and matches($p, '^[A-Za-z]+$')) then upper-case(substring($p, 1, 1)) || lower-case(substring($p, 2))
          else if (string-length($p) = 2 and matches($p, '^[A-Za-z]+$')) then upper-case($p)
          else lower-case($p)), '-')" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <xd:doc><xd:desc>'rtl' or 'ltr' for a language tag: its script subtag decides, else its
    language.</xd:desc></xd:doc>
  <xsl:function name="ed:direction" as="xs:string">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(ed:bcp47($tag), '-')"/>
    <xsl:variable name="script" select="$parts[position() = (2, 3)][string-length(.) = 4 and matches(., '^[A-Za-z]+$')][1]"/>
    <xsl:sequence select="if (exists($script)) then (if ($script = array:flatten($ed:languages('rtl-scripts'))) then 'rtl' else 'ltr')
      else if ($parts[1] = array:flatten($ed:languages('rtl-languages'))) then 'rtl' else 'ltr'"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <xd:doc><xd:desc>The language of a document's text, BCP 47; '' when the document does not
    say (then no language is claimed for it). In order: its first text's xml:lang, the root's,
    the header's langUsage: its one language, or, of several, the one with the highest @usage,
    else the first listed (by TEI's usual practice, the main language). Same rule as
    toolkit/langtags.py's document_language.</xd:desc></xd:doc>
  <xsl:function name="ed:document-language" as="xs:string">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="declared" select="(($root//text)[1]/@xml:lang, $root/@xml:lang) ! ed:bcp47(.)[. ne '']"/>
    <xsl:variable name="used" select="($root//langUsage/language)[ed:bcp47(@ident) ne '']"/>
    <xsl:variable name="top" select="max(($used/@usage[. castable as xs:decimal] ! xs:decimal(.)))"/>
    <xsl:sequence select="string(($declared,
      ($used[@usage castable as xs:decimal][xs:decimal(@usage) = $top], $used)[1]/ed:bcp47(@ident))[1])"/>
  </xsl:function>

  <xd:doc><xd:desc>The language of this document's text (ed:document-language), once.</xd:desc></xd:doc>
  <xsl:variable name="ed:doc-lang" as="xs:string" select="string((/TEI, /teiCorpus)[1] ! ed:document-language(.))"/>

  <xd:doc><xd:desc>lang (and dir, where the direction changes) for the HTML element made
    from a TEI element that carries xml:lang (WCAG 3.1.2): called by ed:id-attr, so every
    rendered element keeps its language (said once: not again when its parent's is the same).</xd:desc></xd:doc>
  <xsl:template name="ed:lang-attrs">
    <xsl:if test="@xml:lang">
      <xsl:variable name="tag" select="ed:bcp47(@xml:lang)"/>
      <xsl:variable name="outer" select="(ancestor::*[@xml:lang][1]/ed:bcp47(@xml:lang)[. ne ''], $ed:doc-lang)[1]"/>
      <xsl:if test="$tag ne '' and $tag ne $outer">
        <xsl:attribute name="lang" select="$tag"/>
        <xsl:if test="ed:direction($tag) ne ed:direction($outer)"><xsl:attribute name="dir" select="ed:direction($tag)"/></xsl:if>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
