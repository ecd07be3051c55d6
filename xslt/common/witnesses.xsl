<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Sources and witnesses: the sigla of a reading (from listWit) and the labels of the
      surfaces of a sourceDoc.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>A witness siglum: the witness's @n, else its xml:id, from listWit.</xd:desc></xd:doc>
  <xsl:function name="ed:sigla" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(for $w in tokenize(normalize-space($reading/@wit), ' ')
      return (key('ed:id', substring($w, 2), root($reading))[self::witness]/@n, substring-after($w, '#')[. ne ''], $w)[1], ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of a surface of a sourceDoc: "Page n", else its position.</xd:desc></xd:doc>
  <xsl:function name="ed:surface-label" as="xs:string">
    <xsl:param name="surface" as="element()"/>
    <xsl:sequence select="if ($surface/@n) then 'Page ' || normalize-space($surface/@n)
      else 'Surface ' || ($surface/accumulator-before('ed:surface-number') - count($surface/ancestor::surface))"/>
  </xsl:function>

  <xd:doc><xd:desc>Surfaces counted in document order in one pass (a surface's position is this
    count less its surface ancestors: count(preceding::surface) + 1, without a scan per call).</xd:desc></xd:doc>
  <xsl:accumulator name="ed:surface-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="surface" select="$value + 1"/>
  </xsl:accumulator>

</xsl:stylesheet>
