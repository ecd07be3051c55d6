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
    <xd:desc>What every output says about speech, page furniture and stand-off annotation:
      who speaks an utterance, what a piece of page furniture is, and what a stand-off
      annotation is about. The HTML and the plain text show them with these words
      (common/html-speech.xsl, common/text-speech.xsl). Included by html.xsl and text.xsl.</xd:desc>
  </xd:doc>

  <!-- ============================================================ speakers -->

  <xd:doc><xd:desc>The speakers of an utterance (u/@who, else the @who of the annotationBlock
    it stands in): for each pointer, the name of the person (or group) it points to when the
    document has it (listPerson/person/persName, by xml:id), else the pointer's id.</xd:desc></xd:doc>
  <xsl:function name="ed:speakers" as="xs:string*">
    <xsl:param name="u" as="element()"/>
    <xsl:variable name="who" select="($u/@who, $u/ancestor::annotationBlock[@who][1]/@who)[1]"/>
    <xsl:for-each select="tokenize(normalize-space($who), ' ')">
      <xsl:variable name="id" select="replace(., '^#', '')"/>
      <xsl:variable name="person" select="key('ed:id', $id, root($u))[self::person or self::personGrp][1]"/>
      <xsl:sequence select="(ed:person-name($person)[. ne ''], $id)[1]"/>
    </xsl:for-each>
  </xsl:function>

  <xd:doc><xd:desc>A person's name: its first persName (forenames before surnames when the
    name is only its parts), else its first name, else ''.</xd:desc></xd:doc>
  <xsl:function name="ed:person-name" as="xs:string">
    <xsl:param name="person" as="element()?"/>
    <xsl:variable name="name" select="($person/persName, $person/name)[1]"/>
    <xsl:variable name="parts" select="$name/*"/>
    <xsl:sequence select="if (empty($name)) then ''
      else if (exists($parts) and empty($name/text()[normalize-space()]) and exists($name/forename) and exists($name/surname)
               and empty($parts except $name/(roleName | forename | nameLink | surname | genName | addName)))
      then string-join(($name/roleName, $name/forename, $name/nameLink, $name/surname, $name/genName, $name/addName) ! normalize-space(.), ' ')
      else ed:name-text($name)"/>
  </xsl:function>

  <!-- ============================================================ page furniture -->

  <xd:doc><xd:desc>What a piece of page furniture (fw) is, in words, from its @type (the
    Guidelines' values and the usual variants); "page furniture" otherwise.</xd:desc></xd:doc>
  <xsl:function name="ed:furniture-label" as="xs:string">
    <xsl:param name="fw" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($fw/@type))"/>
    <xsl:sequence select="
      if ($type = ('header', 'head', 'running-head', 'runninghead', 'rh')) then 'running head'
      else if ($type = ('footer', 'foot')) then 'running foot'
      else if ($type = ('pagenum', 'pageno', 'page-number', 'pagination', 'folio')) then 'page number'
      else if ($type = ('linenum', 'lineno')) then 'line number'
      else if ($type = ('sig', 'signature', 'sigmark')) then 'signature mark'
      else if ($type = ('catch', 'catchword', 'custos')) then 'catchword'
      else if ($type = ('vol', 'volno')) then 'volume number'
      else 'page furniture'"/>
  </xsl:function>

  <!-- ============================================================ stand-off annotation -->

  <xd:doc><xd:desc>The stand-off annotations of a document: the annotations and notes of
    standOff's listAnnotation, and its span groups that have words, in document order.</xd:desc></xd:doc>
  <xsl:function name="ed:standoff-annotations" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)/*/standOff//(listAnnotation/(annotation | note | annotationBlock) | spanGrp[not(ancestor::annotation or ancestor::annotationBlock or ancestor::note)][normalize-space(.) ne ''])"/>
  </xsl:function>

  <xd:doc><xd:desc>What an annotation (or a span) is about: the elements its @target (else
    @from and @to, else @corresp) points to in this document.</xd:desc></xd:doc>
  <xsl:function name="ed:annotation-targets" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="pointers" select="tokenize(normalize-space(string-join(($el/@target, $el[not(@target)]/(@from, @to), $el[not(@target or @from)]/@corresp), ' ')), ' ')"/>
    <xsl:sequence select="$pointers[starts-with(., '#')] ! key('ed:id', substring(., 2), root($el))[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>An annotation's target in words: the passage it is (or lies in) with its
    label, and its first words in quotation marks; else its pointers as written.</xd:desc></xd:doc>
  <xsl:function name="ed:annotation-target-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="targets" select="ed:annotation-targets($el)"/>
    <xsl:variable name="words" select="normalize-space(string-join($targets ! string(.), ' '))"/>
    <xsl:variable name="passage" select="($targets ! ed:passage(.))[1]"/>
    <xsl:variable name="pointers" select="normalize-space(string-join(($el/@target, $el[not(@target)]/(@from, @to), $el[not(@target or @from)]/@corresp), ' '))"/>
    <xsl:sequence select="string-join((
      $passage ! ed:passage-label(.),
      (if ($words ne '') then '“' || (if (string-length($words) gt 60) then substring($words, 1, 59) || '…' else $words) || '”' else ()),
      (if (empty($targets) and $pointers ne '') then $pointers else ())), ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of an annotation: its @type (or @motivation), else "Annotation".</xd:desc></xd:doc>
  <xsl:function name="ed:annotation-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="kind" select="normalize-space(($el/@type, $el/@motivation, $el/parent::listAnnotation/@type)[1])"/>
    <xsl:sequence select="if ($kind ne '') then upper-case(substring($kind, 1, 1)) || substring($kind, 2) else 'Annotation'"/>
  </xsl:function>

  <xd:doc><xd:desc>The words of an annotation: its notes (a note gives its words), its other
    content, and its respStmt (ed:annotation-resp), not its revisionDesc (the history of the
    annotation, which the coverage check counts as left out).</xd:desc></xd:doc>
  <xsl:function name="ed:annotation-body" as="node()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="(if ($el/self::annotation) then $el/(node() except revisionDesc) else $el/node())
      ! (if (self::note) then node() else .)"/>
  </xsl:function>

  <xd:doc><xd:desc>Who is responsible for an annotation, in words: "(Comment: A. Editor)".</xd:desc></xd:doc>
  <xsl:function name="ed:annotation-resp" as="xs:string">
    <xsl:param name="resp" as="element()"/>
    <xsl:sequence select="'(' || string-join((normalize-space(string-join($resp/resp, ', '))[. ne ''],
      string-join(($resp/* except $resp/resp) ! ed:name-text(.), '; ')[. ne '']), ': ') || ')'"/>
  </xsl:function>

</xsl:stylesheet>
