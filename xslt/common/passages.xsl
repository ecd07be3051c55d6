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
    <xd:desc>Long documents in the reading edition: citation on demand and prose spacing. A
      passage's label ("¶ 3") is its one control: a link to the passage's stable id, which
      edition.js also makes open a single shared citation panel (filled from the passage's
      data-cite-* attributes, with a button that copies the citation); there is no button per
      paragraph. Without JavaScript the link still leads to the passage, and "How to cite" says
      how a passage is cited, with an example (ed:passage-cite-help). Line breaks between
      blocks, or before a block's first word, add no empty line. Included by html.xsl.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>In "How to cite", for a document whose passages are not listed there one by
    one (it has no citeStructure of its own, or more than $contents-group passages): the form of a passage's citation, with the
    citation of the first passage as an example; and, for every document with passages, what
    selecting a passage's label does.</xd:desc></xd:doc>
  <xsl:template name="ed:passage-cite-help">
    <xsl:if test="exists($ed:passages)">
      <xsl:if test="empty(/*/teiHeader/encodingDesc/refsDecl/citeStructure) or count($ed:passages) gt $ed:group">
        <p class="passage-cite-form">
          <xsl:value-of select="'Cite a passage by the edition, its label and its URL (the address of its label''s link'
            || (if (ed:public-url(.) eq '') then ', on the page you read' else '') || '), for example “'
            || ed:passage-citation($ed:passages[1]) || '”'"/>
        </p>
      </xsl:if>
      <p class="passage-cite-how">
        <xsl:value-of select="'Each passage''s label (“' || ed:passage-label($ed:passages[1]) || '”) is a link to the passage;'
          || ' where JavaScript runs, following it also shows the passage''s citation, ready to copy.'"/>
      </p>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>A line break between blocks (a child of a division, body, front or back, as
    in letters encoded line by line) or before the first word of a paragraph adds no empty line
    to the reading text: paragraphs keep prose spacing, and a passage's label stays on the
    line of its first words.</xd:desc></xd:doc>
  <xsl:template match="lb[parent::*[ed:is-div(.) or self::body or self::front or self::back or self::text]]" priority="2"/>
  <xsl:template match="lb[parent::p or parent::ab][not(preceding-sibling::node()[not(self::text()[not(normalize-space())])])]" priority="2"/>
</xsl:stylesheet>
