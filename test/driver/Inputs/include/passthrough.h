/* Found only through -I (driver/passthrough.c). */
#define FROM_INCLUDE_DIR 7
