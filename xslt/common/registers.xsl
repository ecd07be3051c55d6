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
    <xd:desc>The registers: looking up an element by its xml:id, the entries a mention points to
      (persons, groups, places, organisations, treaties, events), their kinds, names,
      dates and authority links, and the mentions of each entry (one key lookup).</xd:desc>
  </xd:doc>

  <xsl:key name="ed:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <xd:doc><xd:desc>Is this element a register entry the index lists? A person, group of people,
    place, organisation or event, or a work: a bibliographic entry of a listBibl that a name in
    the text points to (@ref), outside the file description (whose bibliographies describe the
    source). A bibliography that no name points to is a bibliography, not a register.</xd:desc></xd:doc>
  <xsl:function name="ed:is-entry" as="xs:boolean">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="exists($el[self::person or self::personGrp or self::place or self::org or self::event
      or (self::bibl | self::biblStruct)[parent::listBibl][not(ancestor::fileDesc)][exists(key('ed:mentions-of', string(@xml:id)))]])"/>
  </xsl:function>

  <xd:doc><xd:desc>The register entries a mention points to (@ref="#id", or several pointers
    separated by spaces when one phrase names several entities), in the order of @ref.</xd:desc></xd:doc>
  <xsl:function name="ed:entries-of" as="element()*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="for $ref in tokenize(normalize-space($mention/@ref), ' ')[starts-with(., '#')]
                          return key('ed:id', substring($ref, 2), root($mention))[ed:is-entry(.)][1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The (first) register entry a mention points to, or nothing.</xd:desc></xd:doc>
  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:entries-of($mention)[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>Every register entry of a document, in document order.</xd:desc></xd:doc>
  <xsl:function name="ed:entries" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)//(person | personGrp | place | org | event | listBibl/bibl | listBibl/biblStruct)[@xml:id][ed:is-entry(.)]"/>
  </xsl:function>


  <xd:doc><xd:desc>The kinds of register entries, in the order the index lists them: the one list
    every stylesheet and the toolkit use (each partial index carries an entry's @rank in it).
    What a kind is called is for the project to say: the work-label and works-label parameters
    name the works (a treaty, a law, a book).</xd:desc></xd:doc>
  <xsl:variable name="ed:types" as="xs:string+" select="('person', 'place', 'org', 'work', 'event')"/>

  <xd:doc><xd:desc>The kind of an entry, as the index groups them: person (persons and groups
    of people), place, org, work (a bibliographic entry of a register) or event.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-type" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/(self::bibl | self::biblStruct)) then 'work' else if ($entry/self::personGrp) then 'person' else local-name($entry)"/>
  </xsl:function>

  <xd:doc><xd:desc>What an entry is, for its card: its kind, or a finer one (a group of people,
    a group of states, an alliance).</xd:desc></xd:doc>
  <xsl:function name="ed:entry-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::personGrp[@role = 'state-group'] or $entry/self::org[@type = 'state-group']) then 'Group of states'
      else if ($entry/self::personGrp) then 'Group of people'
      else if ($entry/self::org[@type = 'alliance']) then 'Alliance'
      else ed:type-label(ed:entry-type($entry))"/>
  </xsl:function>

  <xd:doc><xd:desc>Human label of a kind.</xd:desc></xd:doc>
  <xsl:function name="ed:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'person') then 'Person' else if ($type = 'place') then 'Place'
      else if ($type = 'org') then 'Organisation' else if ($type = 'work') then $work-label
      else if ($type = 'event') then 'Event' else 'Date'"/>
  </xsl:function>

  <xd:doc><xd:desc>Heading of a group of entries of one kind.</xd:desc></xd:doc>
  <xsl:function name="ed:type-heading" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'person') then 'Persons and groups' else if ($type = 'place') then 'Places'
      else if ($type = 'org') then 'Organisations' else if ($type = 'work') then $works-label else 'Events'"/>
  </xsl:function>

  <xd:doc><xd:desc>The short plural of a kind, for the page's highlighting controls.</xd:desc></xd:doc>
  <xsl:function name="ed:type-plural" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'person') then 'Persons' else if ($type = 'place') then 'Places'
      else if ($type = 'org') then 'Organisations' else if ($type = 'work') then $works-label
      else if ($type = 'event') then 'Events' else 'Dates'"/>
  </xsl:function>

  <xd:doc><xd:desc>The names of an entry, preferred first.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-names" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(persName | placeName | orgName | label | title | eventName | name)"/>
    <xsl:sequence select="distinct-values(($names[@type = 'preferred'], $names[not(@type = 'preferred')]) ! normalize-space(string(.))[. ne ''])"/>
  </xsl:function>

  <xd:doc><xd:desc>The preferred name of an entry (its xml:id when it has no name).</xd:desc></xd:doc>
  <xsl:function name="ed:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="(ed:entry-names($entry), string($entry/@xml:id))[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The dates of an entry as a short phrase, from its birth, death,
    offices, date and @when/@from/@to; empty when the registers give none.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-dates" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:sequence select="$entry/birth/@when ! ('born ' || .)"/>
      <xsl:sequence select="$entry/death/@when ! ('died ' || .)"/>
      <xsl:for-each select="$entry/state[@from or @to]">
        <xsl:sequence select="string-join(label ! normalize-space(.), ' ') || ' ' || string-join((@from, @to), ' to ')"/>
      </xsl:for-each>
      <xsl:sequence select="$entry/date/@when ! string(.)"/>
      <xsl:sequence select="$entry/@when ! string(.)"/>
      <xsl:if test="$entry/@from or $entry/@to">
        <xsl:sequence select="string-join(($entry/@from ! ('from ' || .), $entry/@to ! ('to ' || .)), ' ')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '; ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The URL of an authority identifier (Wikidata, GeoNames), or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:authority-url" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:sequence select="if ($idno/@type = 'wikidata' and matches($value, '^Q[1-9][0-9]*$'))
                          then 'https://www.wikidata.org/wiki/' || $value
                          else if ($idno/@type = 'geonames' and matches($value, '^[1-9][0-9]*$'))
                          then 'https://www.geonames.org/' || $value
                          else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of an authority link: "Wikidata Q28", "GeoNames 719819".</xd:desc></xd:doc>
  <xsl:function name="ed:authority-label" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:sequence select="ed:scheme-label(string($idno/@type)) || ' ' || normalize-space($idno)"/>
  </xsl:function>
  <xsl:function name="ed:scheme-label" as="xs:string">
    <xsl:param name="scheme" as="xs:string"/>
    <xsl:sequence select="if ($scheme = 'wikidata') then 'Wikidata' else if ($scheme = 'geonames') then 'GeoNames' else $scheme"/>
  </xsl:function>

  <xd:doc><xd:desc>The anchor of an entity in the citation index, e.g. person-stalin.</xd:desc></xd:doc>
  <xsl:function name="ed:entity-anchor" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:entry-type($entry) || '-' || $entry/@xml:id"/>
  </xsl:function>

  <xd:doc><xd:desc>The mentions that point to an entry (one lookup, whatever the size).</xd:desc></xd:doc>
  <xsl:key name="ed:mentions-of" match="text//*[@ref]" use="tokenize(normalize-space(@ref), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:function name="ed:mentions-of" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="key('ed:mentions-of', string($entry/@xml:id), root($entry))"/>
  </xsl:function>

</xsl:stylesheet>
