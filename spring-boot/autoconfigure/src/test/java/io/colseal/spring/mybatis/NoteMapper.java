package io.colseal.spring.mybatis;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Result;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;

/** A mapper whose statements name the handler, as MyBatis users write them. */
@Mapper
public interface NoteMapper {
  @Insert("INSERT INTO notes (id, body) VALUES (#{id}, #{body,typeHandler=io.colseal.spring.mybatis.NoteColumns$Body})")
  void insert(@Param("id") int id, @Param("body") String body);

  @Select("SELECT id, body FROM notes WHERE id = #{id}")
  @Results({
      @Result(column = "id", property = "id", id = true),
      @Result(column = "body", property = "body", typeHandler = NoteColumns.Body.class)})
  Note find(int id);
}
