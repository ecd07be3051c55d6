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
    <xd:desc>Tokens (w and pc) spaced as TEI means them, in every output. A linguistically
      annotated text gives each word and punctuation mark its own element, often with
      nothing between them (&lt;w&gt;Trust&lt;/w&gt;&lt;w&gt;not&lt;/w&gt;): the words are
      separate all the same, so a space is written between two tokens (or two elements
      holding tokens, such as s or seg) that touch, unless the file says they join:
      @join="right", "both" or "overlap" on the first, "left", "both" or "overlap" on the
      second, or, where the file has neither a space nor a @join, @pre on a pc (pre="false"
      follows the word before it, pre="true" precedes the word after it) or a pc that is
      plainly closing (. , ; : ! ? … ) ] }) or opening ( ( [ { ¿ ¡ ). Whitespace that the
      file puts between two tokens it says join (@join) is not written. Included by html.xsl
      (modes #default and ed:nested) and text.xsl (mode ed:inline).</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>Does the document have tokens at all? (Every other test is skipped when not.)</xd:desc></xd:doc>
  <xsl:variable name="ed:tokenised" as="xs:boolean" select="exists(//w) or exists(//pc)"/>

  <xd:doc><xd:desc>Is this a token (w or pc), not a part of one (a w in a w)?</xd:desc></xd:doc>
  <xsl:function name="ed:is-token" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::w or self::pc][not(ancestor::w or ancestor::pc)])"/>
  </xsl:function>

  <xd:doc><xd:desc>The first and the last token of an element (itself when it is one).</xd:desc></xd:doc>
  <xsl:function name="ed:first-token" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($el/descendant-or-self::*[self::w or self::pc])[1]"/>
  </xsl:function>
  <xsl:function name="ed:last-token" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($el/descendant-or-self::*[self::w or self::pc][not(ancestor::w or ancestor::pc) or . is $el])[last()]"/>
  </xsl:function>

  <xd:doc><xd:desc>Does the file say these two tokens join (no space between them)? With
    $touching (nothing at all between them in the file), a pc's @pre and plain closing or
    opening punctuation also join, when neither token has a @join.</xd:desc></xd:doc>
  <xsl:function name="ed:joined" as="xs:boolean">
    <xsl:param name="before" as="element()?"/>
    <xsl:param name="after" as="element()?"/>
    <xsl:param name="touching" as="xs:boolean"/>
    <xsl:sequence select="
      $before/@join = ('right', 'both', 'overlap') or $after/@join = ('left', 'both', 'overlap')
      or ($touching and not($before/@join or $after/@join) and (
        $after[self::pc][@pre = 'false' or (not(@pre) and matches(normalize-space(.), '^[.,;:!?…)\]}]+$'))]
        or $before[self::pc][@pre = 'true' or (not(@pre) and matches(normalize-space(.), '^[(\[{¿¡]+$'))]))"/>
  </xsl:function>

  <xd:doc><xd:desc>Is this a token, or an inline element holding tokens (s, seg, a name)?</xd:desc></xd:doc>
  <xsl:function name="ed:holds-tokens" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="ed:is-token($el) or (not(ed:is-block($el)) and not($el/ancestor::w or $el/ancestor::pc)
      and exists($el/descendant::*[self::w or self::pc]))"/>
  </xsl:function>

  <xd:doc><xd:desc>Does a space go before this element? When it holds tokens and the node
    right before it (comments and processing instructions aside) is an element (not a line break, which is a break already, nor a
    break with break="no") and the file does not say they join.</xd:desc></xd:doc>
  <xsl:function name="ed:space-before" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="$ed:tokenised and (
      let $before := $el/preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1]
      return $before instance of element()
        and not($before/self::lb) and not($before[self::pb or self::cb or self::milestone][@break = 'no'])
        and ed:holds-tokens($el)
        and not(ed:joined(ed:last-token($before), ed:first-token($el), true())))"/>
  </xsl:function>

  <xd:doc><xd:desc>Is this whitespace between two tokens the file says join?</xd:desc></xd:doc>
  <xsl:function name="ed:joining-space" as="xs:boolean">
    <xsl:param name="space" as="text()"/>
    <xsl:sequence select="$ed:tokenised and normalize-space($space) eq '' and (
      let $before := $space/preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1][self::*],
          $after := $space/following-sibling::node()[not(self::comment() or self::processing-instruction())][1][self::*]
      return exists($before) and exists($after) and ed:holds-tokens($before) and ed:holds-tokens($after)
        and ed:joined(ed:last-token($before), ed:first-token($after), false()))"/>
  </xsl:function>

  <xd:doc><xd:desc>A space before a token (or an element holding tokens) that touches the one before.</xd:desc></xd:doc>
  <xsl:template match="*[ed:space-before(.)]" mode="#default ed:inline ed:nested" priority="20">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <xd:doc><xd:desc>Whitespace between two tokens that join is not written.</xd:desc></xd:doc>
  <xsl:template match="text()[ed:joining-space(.)]" mode="#default ed:inline ed:nested" priority="20"/>

</xsl:stylesheet>
